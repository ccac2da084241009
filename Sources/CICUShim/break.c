// The one file that touches ICU's break iterators. Debian renames every ICU symbol by macro
// (ubrk_open -> ubrk_open_72), which Swift cannot import; C can (PITFALLS.md 1).
#include "cm_break.h"
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

struct CMBreak {
  UBreakIterator *iterator;
  UText text;  // reused by utext_openUTF8 on every set_utf8
};

static CMBreak *wrap(UBreakIterator *iterator) {
  CMBreak *brk = malloc(sizeof(CMBreak));
  if (brk == NULL) { ubrk_close(iterator); return NULL; }
  brk->iterator = iterator;
  UText initial = UTEXT_INITIALIZER;
  brk->text = initial;
  return brk;
}

CMBreak *cm_break_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode code = U_ZERO_ERROR;
  UBreakIterator *it = ubrk_open(kind == CM_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD,
                                 locale, NULL, 0, &code);
  *status = code;
  if (U_FAILURE(code)) return NULL;
  return wrap(it);
}

CMBreak *cm_break_open_rules(const uint16_t *rules, int32_t length, int32_t *status,
                             int32_t *error_line, int32_t *error_offset) {
  UErrorCode code = U_ZERO_ERROR;
  UParseError parse;
  UBreakIterator *it = ubrk_openRules((const UChar *)rules, length, NULL, 0, &parse, &code);
  *status = code;
  *error_line = parse.line;
  *error_offset = parse.offset;
  if (U_FAILURE(code)) return NULL;
  return wrap(it);
}

CMBreak *cm_break_clone(const CMBreak *brk, int32_t *status) {
  UErrorCode code = U_ZERO_ERROR;
  // "ubrk_clone: Thread safe cloning operation" (ICU 69+).
  UBreakIterator *it = ubrk_clone(brk->iterator, &code);
  *status = code;
  if (U_FAILURE(code)) return NULL;
  return wrap(it);
}

void cm_break_close(CMBreak *brk) {
  if (brk == NULL) return;
  ubrk_close(brk->iterator);
  utext_close(&brk->text);
  free(brk);
}

void cm_break_set_utf8(CMBreak *brk, const char *text, int64_t length, int32_t *status) {
  UErrorCode code = U_ZERO_ERROR;
  // "utext_openUTF8: Open a read-only UText for UTF-8 strings." Native indexes are byte offsets.
  utext_openUTF8(&brk->text, text, length, &code);
  if (U_SUCCESS(code)) ubrk_setUText(brk->iterator, &brk->text, &code);
  *status = code;
}

int32_t cm_break_next(CMBreak *brk) {
  int32_t b = ubrk_next(brk->iterator);
  return b == UBRK_DONE ? -1 : b;
}

int32_t cm_break_status(const CMBreak *brk) {
  return ubrk_getRuleStatus((UBreakIterator *)brk->iterator);
}

int32_t cm_break_next_batch(CMBreak *brk, int32_t *out, int32_t *statuses, int32_t capacity) {
  int32_t n = 0;
  while (n < capacity) {
    int32_t b = ubrk_next(brk->iterator);
    if (b == UBRK_DONE) break;
    out[n] = b;
    statuses[n] = ubrk_getRuleStatus(brk->iterator);
    n++;
  }
  return n;
}

const char *cm_error_name(int32_t status) { return u_errorName((UErrorCode)status); }
