/* arena.h — per-request memory.
 *
 * An arena hands out memory from large blocks and frees it all at once.
 * Every request gets one; handlers allocate freely and never free. Long-lived
 * objects (the page cache, compiled templates) use malloc instead. */
#ifndef MIDAD_ARENA_H
#define MIDAD_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

/* Create an arena whose blocks are at least `block` bytes (0 = 16 KiB). */
arena *arena_new(size_t block);

/* Free every block of the arena and the arena itself. NULL is allowed. */
void arena_free(arena *a);

/* Forget every allocation but keep the first block for reuse. */
void arena_reset(arena *a);

/* `n` bytes aligned for any type; aborts on out-of-memory. */
void *arena_alloc(arena *a, size_t n);

/* `n` zeroed bytes. */
void *arena_zalloc(arena *a, size_t n);

/* A NUL-terminated copy of the first `n` bytes of `s`. */
char *arena_strndup(arena *a, const char *s, size_t n);

/* A NUL-terminated copy of `s` (NULL gives NULL). */
char *arena_strdup(arena *a, const char *s);

/* printf into fresh arena memory. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const arena *a);

#endif
