/* arena.c — block allocator freed all at once; see arena.h. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16

typedef struct block {
    struct block *next;
    size_t cap, used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} block;

struct arena {
    block *head;        /* current block, newest first */
    size_t block_size;
    size_t total;
};

static block *block_new(size_t cap)
{
    block *b = malloc(sizeof *b + cap);
    if (!b) {
        fputs("midad: out of memory\n", stderr);
        abort();
    }
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

arena *arena_new(size_t block_size)
{
    arena *a = malloc(sizeof *a);
    if (!a) abort();
    a->block_size = block_size ? block_size : 16 * 1024;
    a->head = block_new(a->block_size);
    a->total = 0;
    return a;
}

void arena_free(arena *a)
{
    if (!a) return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void arena_reset(arena *a)
{
    block *b = a->head;
    /* keep the oldest block (the first one allocated): walk to it */
    while (b->next) {
        block *next = b->next;
        free(b);
        b = next;
    }
    b->used = 0;
    a->head = b;
    a->total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (need < n) abort();                     /* overflow */
    block *b = a->head;
    if (b->cap - b->used < need) {
        size_t cap = need > a->block_size ? need : a->block_size;
        b = block_new(cap);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += need;
    return p;
}

void *arena_zalloc(arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return arena_strdup(a, "");
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena *a)
{
    return a->total;
}
