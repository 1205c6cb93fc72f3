/* diff.c — word-level diff with Myers' algorithm; see diff.h. */
#include "text/diff.h"

#include <stdbool.h>
#include <string.h>

typedef struct {
    const char *p;
    size_t len;
} token;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Cut s into whitespace and non-whitespace runs. */
static token *tokens(arena *a, const char *s, size_t len, size_t *n)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (i == 0 || is_space(s[i]) != is_space(s[i - 1])) count++;
    token *t = arena_alloc(a, (count ? count : 1) * sizeof *t);
    *n = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i + 1;
        while (j < len && is_space(s[j]) == is_space(s[i])) j++;
        t[(*n)++] = (token){ s + i, j - i };
        i = j;
    }
    return t;
}

static int same(token x, token y)
{
    return x.len == y.len && memcmp(x.p, y.p, x.len) == 0;
}

typedef struct {
    arena *a;
    diff_op *ops;
    size_t n, cap;
} op_list;

/* Add a token to the ops (built back to front: ops are reversed later). */
static void push(op_list *l, diff_kind kind, token t)
{
    if (l->n && l->ops[l->n - 1].kind == kind && t.p + t.len == l->ops[l->n - 1].text) {
        l->ops[l->n - 1].text = t.p;
        l->ops[l->n - 1].len += t.len;
        return;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        diff_op *bigger = arena_alloc(l->a, cap * sizeof *bigger);
        if (l->n) memcpy(bigger, l->ops, l->n * sizeof *bigger);
        l->ops = bigger, l->cap = cap;
    }
    l->ops[l->n++] = (diff_op){ kind, t.p, t.len };
}

/* Myers' forward search; hist[d] holds V[-d..d] after step d. Returns the
 * number of edits, or -1 past DIFF_MAX_EDITS. */
static long search(arena *a, const token *x, long n, const token *y, long m, long **hist)
{
    long max = n + m < DIFF_MAX_EDITS ? n + m : DIFF_MAX_EDITS;
    long *v = arena_zalloc(a, (size_t)(2 * max + 3) * sizeof *v);
    long off = max + 1;
    for (long d = 0; d <= max; d++) {
        for (long k = -d; k <= d; k += 2) {
            long px = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                          ? v[off + k + 1] : v[off + k - 1] + 1;
            long py = px - k;
            while (px < n && py < m && same(x[px], y[py])) px++, py++;
            v[off + k] = px;
            if (px >= n && py >= m) {
                hist[d] = arena_alloc(a, (size_t)(2 * d + 1) * sizeof **hist);
                memcpy(hist[d], v + off - d, (size_t)(2 * d + 1) * sizeof **hist);
                return d;
            }
        }
        hist[d] = arena_alloc(a, (size_t)(2 * d + 1) * sizeof **hist);
        memcpy(hist[d], v + off - d, (size_t)(2 * d + 1) * sizeof **hist);
    }
    return -1;
}

/* Walk back from (n, m) through the history, pushing ops back to front. */
static void backtrack(op_list *l, const token *x, long n, const token *y, long m,
                      long **hist, long d)
{
    long px = n, py = m;
    for (; d > 0; d--) {
        long k = px - py;
        const long *prev = hist[d - 1];   /* index k' at prev[k' + d - 1] */
        bool down = k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
        long pk = down ? k + 1 : k - 1;
        long sx = prev[pk + d - 1], sy = sx - pk;
        long mx = down ? sx : sx + 1;
        while (px > mx) push(l, DIFF_SAME, x[--px]), py--;
        if (down) push(l, DIFF_INS, y[--py]);
        else push(l, DIFF_DEL, x[--px]);
        px = sx, py = sy;
    }
    while (px > 0) push(l, DIFF_SAME, x[--px]);
}

void diff_words(arena *a, const char *old, size_t old_len, const char *new_text,
                size_t new_len, diff_op **ops, size_t *n)
{
    size_t nx, ny;
    token *x = tokens(a, old, old_len, &nx), *y = tokens(a, new_text, new_len, &ny);
    size_t pre = 0, suf = 0;
    while (pre < nx && pre < ny && same(x[pre], y[pre])) pre++;
    while (suf < nx - pre && suf < ny - pre && same(x[nx - 1 - suf], y[ny - 1 - suf])) suf++;
    op_list l = { .a = a };
    for (size_t i = 0; i < suf; i++) push(&l, DIFF_SAME, x[nx - 1 - i]);
    long cx = (long)(nx - pre - suf), cy = (long)(ny - pre - suf);
    long limit = cx + cy < DIFF_MAX_EDITS ? cx + cy : DIFF_MAX_EDITS;
    long **hist = arena_alloc(a, (size_t)(limit + 1) * sizeof *hist);
    long d = search(a, x + pre, cx, y + pre, cy, hist);
    if (d >= 0) {
        backtrack(&l, x + pre, cx, y + pre, cy, hist, d);
    } else {
        for (long i = cy - 1; i >= 0; i--) push(&l, DIFF_INS, y[pre + i]);
        for (long i = cx - 1; i >= 0; i--) push(&l, DIFF_DEL, x[pre + i]);
    }
    for (size_t i = pre; i > 0; i--) push(&l, DIFF_SAME, x[i - 1]);
    for (size_t i = 0; i < l.n / 2; i++) {
        diff_op t = l.ops[i];
        l.ops[i] = l.ops[l.n - 1 - i];
        l.ops[l.n - 1 - i] = t;
    }
    *ops = l.ops;
    *n = l.n;
}
