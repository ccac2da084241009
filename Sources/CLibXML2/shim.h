// libxml2 for Swift. Debian builds libxml2 with LIBXML_ICU_ENABLED, which makes
// <libxml/encoding.h> include <unicode/ucnv.h> and clash with Foundation's ICU (PITFALLS.md 3).
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

// xmlFree is a global function pointer: Swift 6 rejects it as shared mutable state.
static inline void cm_xmlFree(void *p) { xmlFree(p); }
// xmlGenericErrorFunc is variadic; Swift cannot write one. This one drops everything.
static inline void cm_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void cm_xml_silence_thread(void) {
  xmlSetGenericErrorFunc(NULL, cm_xml_silent);
  xmlSetStructuredErrorFunc(NULL, NULL);
}
