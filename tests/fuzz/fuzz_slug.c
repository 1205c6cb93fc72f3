/* fuzz_slug.c — libFuzzer target for text/slug: a slug is short, valid, made
 * again unchanged, and slug_valid accepts exactly slug_make's fixed points. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "text/slug.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_slug: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    const char *in = (const char *)data;
    char *s = slug_make(a, in, size);
    size_t n = strlen(s);
    check(n <= SLUG_MAX, "slug too long");
    check(n == 0 || slug_valid(s, n), "slug_make output not valid");
    char *again = slug_make(a, s, n);
    check(strcmp(again, s) == 0, "slug_make not idempotent");
    bool fixed = n > 0 && n == size && memcmp(s, in, n) == 0;
    check(slug_valid(in, size) == fixed, "slug_valid disagrees with slug_make");
    arena_free(a);
    return 0;
}
