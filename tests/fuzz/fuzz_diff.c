/* fuzz_diff.c — libFuzzer target for text/diff: the input is two texts
 * split at the first NUL (or in half); the runs must give both texts back,
 * never repeat a kind twice in a row, and be minimal when nothing changed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "text/diff.h"

static void check(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_diff: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    const char *in = (const char *)data;
    const char *nul = memchr(in, '\0', size);
    size_t n1 = nul ? (size_t)(nul - in) : size / 2;
    const char *t2 = in + n1 + (nul ? 1 : 0);
    size_t n2 = size - (size_t)(t2 - in);
    diff_op *ops;
    size_t n;
    diff_words(a, in, n1, t2, n2, &ops, &n);
    buf o, w;
    buf_init(&o, a);
    buf_init(&w, a);
    for (size_t i = 0; i < n; i++) {
        check(ops[i].len > 0, "empty run");
        check(i == 0 || ops[i].kind != ops[i - 1].kind, "two runs of one kind");
        if (ops[i].kind != DIFF_INS) buf_append(&o, ops[i].text, ops[i].len);
        if (ops[i].kind != DIFF_DEL) buf_append(&w, ops[i].text, ops[i].len);
    }
    check(o.len == n1 && (n1 == 0 || memcmp(o.data, in, n1) == 0), "old text not given back");
    check(w.len == n2 && (n2 == 0 || memcmp(w.data, t2, n2) == 0), "new text not given back");
    if (n1 == n2 && memcmp(in, t2, n1) == 0) check(n <= 1, "equal texts gave changes");
    arena_free(a);
    return 0;
}
