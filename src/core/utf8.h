/* utf8.h — checking UTF-8 at the door. */
#ifndef MIDAD_UTF8_H
#define MIDAD_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True if `s` is strict UTF-8: no overlong forms, no surrogates, nothing
 * above U+10FFFF. NUL bytes are valid UTF-8; callers that refuse them check. */
bool utf8_valid(const char *s, size_t len);

/* Length of the well-formed sequence starting at p[0] (n > 0 bytes
 * available), or 0 with *bad set to the length of its maximal invalid
 * subpart (at least 1), which a caller replaces by one U+FFFD. */
size_t utf8_seq(const unsigned char *p, size_t n, size_t *bad);

/* Decode the character at p[0..n) (n > 0): its length, with the code point
 * in *cp when cp is not NULL; 0 when the bytes there are not valid UTF-8. */
size_t utf8_decode(const unsigned char *p, size_t n, long *cp);

#endif
