/* fuzz_form.c — the urlencoded form parser, the comment form's cleaning
 * and checks, and comment text rendering, on arbitrary bytes. Checks that
 * a parsed form holds only valid UTF-8 without NUL, that cleaned values
 * hold no bidi override, and that rendered comments never contain a raw
 * '<' other than our own tags. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "http/form.h"
#include "render/comment_text.h"
#include "site/comment_form.h"

static void check_html(const char *h, size_t n)
{
    static const char *const ours[] = { "<p>", "</p>", "<br>", "<a href=\"", "</a>" };
    for (size_t i = 0; i < n; i++) {
        if (h[i] != '<') continue;
        size_t k = 0;
        while (k < 5 && strncmp(h + i, ours[k], strlen(ours[k])) != 0) k++;
        if (k == 5) abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new(0);
    form f;
    if (form_parse(a, (const char *)data, size, &f) == FORM_OK) {
        for (size_t i = 0; i < f.n; i++)
            if (!utf8_valid(f.values[i], f.lens[i]) || strlen(f.values[i]) != f.lens[i]) abort();
        comment_form c;
        comment_form_read(a, &f, &c);
        if (strstr(c.name, "\u202e") || strstr(c.body, "\u202e")) abort();
        buf b;
        buf_init(&b, a);
        comment_text_html(&b, c.body, strlen(c.body));
        check_html(b.data ? b.data : "", b.len);
        if (!utf8_valid(b.data ? b.data : "", b.len)) abort();
    }
    arena_free(a);
    return 0;
}
