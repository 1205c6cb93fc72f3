/* utf8.h — checking UTF-8 at the door. */
#ifndef MIDAD_UTF8_H
#define MIDAD_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True if `s` is strict UTF-8: no overlong forms, no surrogates, nothing
 * above U+10FFFF. NUL bytes are valid UTF-8; callers that refuse them check. */
bool utf8_valid(const char *s, size_t len);

/* Length of the valid sequence starting at `s` (1–4), or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t avail);

#endif
