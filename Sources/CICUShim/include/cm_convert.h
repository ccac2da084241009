// ICU charset conversion and detection behind plain C types. This header is seen by Swift, so
// it must not include any <unicode/*.h> (Foundation ships its own ICU module; PITFALLS.md 2).
#ifndef CM_CONVERT_H
#define CM_CONVERT_H
#include <stddef.h>
#include <stdint.h>

/// Converts `length` bytes of `source` from charset `from` to charset `to` (ICU names or
/// aliases: "GB18030", "UTF-8", "Big5-HKSCS") into `target`. Returns the number of bytes
/// written, or -1 with `*status` > 0 (U_BUFFER_OVERFLOW_ERROR = 15 when `capacity` is too small).
/// Byte sequences that are invalid or unmapped in `from` become U+FFFD and are counted in
/// `*replacements`.
int64_t cm_convert(const char *to, const char *from, const uint8_t *source, int64_t length,
                   uint8_t *target, int64_t capacity, int64_t *replacements, int32_t *status);

/// 1 when ICU has a converter for `label`, else 0. `canonical` receives ICU's name for it.
int32_t cm_charset_known(const char *label, char *canonical, int32_t capacity);

/// Guesses the charset of `length` bytes with ICU's detector (ucsdet). Writes its name into
/// `name` and returns the confidence 0-100, or -1 with `*status` > 0 when nothing matches.
int32_t cm_detect_charset(const uint8_t *source, int64_t length, char *name, int32_t capacity,
                          int32_t *status);

/// ICU's name for an error code ("U_INVALID_CHAR_FOUND").
const char *cm_convert_error_name(int32_t status);

#endif
