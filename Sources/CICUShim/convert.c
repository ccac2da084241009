// The one file that touches ICU's converters (ucnv) and charset detector (ucsdet).
// Debian renames every ICU symbol by macro (ucnv_open -> ucnv_open_72), which Swift cannot
// import; C can (PITFALLS.md 1).
#include "cm_convert.h"
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utypes.h>

// "UConverterToUCallback: Function pointer for error callback in the codepage to unicode
// direction." Called for UCNV_UNASSIGNED, UCNV_ILLEGAL and UCNV_IRREGULAR sequences, and also
// with UCNV_RESET / UCNV_CLOSE / UCNV_CLONE, which carry no bytes and must be ignored.
static void count_and_substitute(const void *context, UConverterToUnicodeArgs *args,
                                 const char *bytes, int32_t length, UConverterCallbackReason reason,
                                 UErrorCode *err) {
  (void)bytes; (void)length;
  if (reason > UCNV_IRREGULAR) return;
  int64_t *counter = (int64_t *)context;
  *counter += 1;
  static const UChar replacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &replacement, 1, 0, err);
}

int64_t cm_convert(const char *to, const char *from, const uint8_t *source, int64_t length,
                   uint8_t *target, int64_t capacity, int64_t *replacements, int32_t *status) {
  UErrorCode code = U_ZERO_ERROR;
  *replacements = 0;
  UConverter *in = ucnv_open(from, &code);
  if (U_FAILURE(code)) { *status = code; return -1; }
  UConverter *out = ucnv_open(to, &code);
  if (U_FAILURE(code)) { ucnv_close(in); *status = code; return -1; }
  ucnv_setToUCallBack(in, count_and_substitute, replacements, NULL, NULL, &code);
  char *t = (char *)target;
  const char *s = (const char *)source;
  UChar pivot[4096];
  UChar *pivotSource = pivot, *pivotTarget = pivot;
  // "ucnv_convertEx: Convert from one external charset to another" through a UTF-16 pivot;
  // reset and flush both TRUE for a complete one-shot conversion.
  ucnv_convertEx(out, in, &t, (const char *)target + capacity, &s, (const char *)source + length,
                 pivot, &pivotSource, &pivotTarget, pivot + 4096, 1, 1, &code);
  ucnv_close(in);
  ucnv_close(out);
  *status = code;
  if (U_FAILURE(code)) return -1;
  return (int64_t)(t - (char *)target);
}

int32_t cm_charset_known(const char *label, char *canonical, int32_t capacity) {
  UErrorCode code = U_ZERO_ERROR;
  UConverter *cnv = ucnv_open(label, &code);
  if (U_FAILURE(code) || cnv == NULL) return 0;
  const char *name = ucnv_getName(cnv, &code);
  if (U_SUCCESS(code) && capacity > 0) {
    strncpy(canonical, name, (size_t)capacity - 1);
    canonical[capacity - 1] = 0;
  }
  ucnv_close(cnv);
  return 1;
}

int32_t cm_detect_charset(const uint8_t *source, int64_t length, char *name, int32_t capacity,
                          int32_t *status) {
  UErrorCode code = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&code);
  if (U_FAILURE(code)) { *status = code; return -1; }
  // "ucsdet_setText: the input text is not copied" and its length is an int32_t.
  int32_t n = length > (1 << 20) ? (1 << 20) : (int32_t)length;
  ucsdet_enableInputFilter(detector, 1);  // ignore <markup> when guessing
  ucsdet_setText(detector, (const char *)source, n, &code);
  const UCharsetMatch *match = ucsdet_detect(detector, &code);
  int32_t confidence = -1;
  if (U_SUCCESS(code) && match != NULL) {
    const char *found = ucsdet_getName(match, &code);
    confidence = ucsdet_getConfidence(match, &code);
    if (U_SUCCESS(code) && capacity > 0) {
      strncpy(name, found, (size_t)capacity - 1);
      name[capacity - 1] = 0;
    }
  } else if (U_SUCCESS(code)) {
    code = U_INVALID_CHAR_FOUND;
  }
  ucsdet_close(detector);
  *status = code;
  return U_FAILURE(code) ? -1 : confidence;
}

const char *cm_convert_error_name(int32_t status) { return u_errorName((UErrorCode)status); }
