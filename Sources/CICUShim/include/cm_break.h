// ICU break iteration behind an opaque handle. This header is seen by Swift, so it must not
// include any <unicode/*.h> (Foundation ships its own ICU module; PITFALLS.md 2).
#ifndef CM_BREAK_H
#define CM_BREAK_H
#include <stdint.h>

/// An ICU UBreakIterator plus the UText it reads, owned together.
typedef struct CMBreak CMBreak;

enum { CM_BREAK_WORD = 0, CM_BREAK_SENTENCE = 1 };

/// Opens a word or sentence break iterator for `locale` ("zh"). NULL and `*status` > 0 on failure.
CMBreak *cm_break_open(int32_t kind, const char *locale, int32_t *status);
/// Opens a word iterator from rule source text (UTF-16). On a syntax error `*status` > 0 and
/// `*error_line` / `*error_offset` locate it.
CMBreak *cm_break_open_rules(const uint16_t *rules, int32_t length, int32_t *status,
                             int32_t *error_line, int32_t *error_offset);
/// A copy safe to use on another thread (ICU iterators are not thread-safe).
CMBreak *cm_break_clone(const CMBreak *brk, int32_t *status);
void cm_break_close(CMBreak *brk);
/// Points the iterator at UTF-8 bytes, which must outlive the iteration. Offsets are UTF-8 offsets.
void cm_break_set_utf8(CMBreak *brk, const char *text, int64_t length, int32_t *status);
/// Next boundary (UTF-8 offset), or -1 at the end.
int32_t cm_break_next(CMBreak *brk);
/// Rule status of the piece that ends at the current boundary (UBRK_WORD_* ranges).
int32_t cm_break_status(const CMBreak *brk);

/// Fills `out` with up to `capacity` boundaries after the current one and their rule statuses;
/// returns how many were written (0 at the end). One C call per batch keeps Swift overhead low.
int32_t cm_break_next_batch(CMBreak *brk, int32_t *out, int32_t *statuses, int32_t capacity);

/// ICU's name for an error code ("U_ILLEGAL_ARGUMENT_ERROR").
const char *cm_error_name(int32_t status);

#endif
