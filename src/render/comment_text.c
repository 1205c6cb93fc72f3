/* comment_text.c — comments as escaped HTML with clickable links; see
 * comment_text.h. */
#include "render/comment_text.h"

#include <string.h>
#include <strings.h>

#include "render/escape.h"

/* Length of a link starting at s (http:// or https:// and at least one
 * more character), stopping at whitespace, quotes and angle brackets and
 * leaving off trailing punctuation; 0 when s does not start a link. */
static size_t link_len(const char *s, size_t n)
{
    size_t scheme = n >= 8 && strncasecmp(s, "https://", 8) == 0 ? 8
                  : n >= 7 && strncasecmp(s, "http://", 7) == 0 ? 7 : 0;
    if (!scheme) return 0;
    size_t i = scheme;
    while (i < n && (unsigned char)s[i] > ' ' && !strchr("\"'<>", s[i])) i++;
    while (i > scheme && strchr(".,;:!?)»،؛؟", s[i - 1])) i--;
    return i > scheme ? i : 0;
}

static int starts_link_here(const char *text, size_t i)
{
    /* a link starts a word: after whitespace or punctuation, not inside one */
    return i == 0 || (unsigned char)text[i - 1] <= ' ' || strchr("(«\"'", text[i - 1]);
}

/* One paragraph (no blank line inside): links, <br> for single newlines. */
static void paragraph(buf *out, const char *p, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = (p[i] == 'h' || p[i] == 'H') && starts_link_here(p, i) ? link_len(p + i, n - i) : 0;
        if (!l && p[i] != '\n') continue;
        escape_html(out, p + run, i - run);
        if (p[i] == '\n') {
            buf_puts(out, "<br>\n");
            run = i + 1;
            continue;
        }
        buf_puts(out, "<a href=\"");
        escape_html(out, p + i, l);
        buf_puts(out, "\" rel=\"nofollow ugc noopener\">");
        escape_html(out, p + i, l);
        buf_puts(out, "</a>");
        i += l - 1;
        run = i + 1;
    }
    escape_html(out, p + run, n - run);
}

void comment_text_html(buf *out, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ')) i++;
        size_t start = i, end = i;
        /* a paragraph ends at a blank line (two newlines, maybe with spaces between) */
        while (i < len) {
            if (text[i] == '\n') {
                size_t j = i + 1;
                while (j < len && (text[j] == ' ' || text[j] == '\r' || text[j] == '\t')) j++;
                if (j >= len || text[j] == '\n') break;
            }
            if (text[i] != '\r') end = i + 1;
            i++;
        }
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\r')) end--;
        if (end > start) {
            buf_puts(out, "<p>");
            paragraph(out, text + start, end - start);
            buf_puts(out, "</p>\n");
        }
    }
}

size_t comment_text_links(const char *text, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        size_t l = starts_link_here(text, i) ? link_len(text + i, len - i) : 0;
        if (l) {
            count++;
            i += l - 1;
        }
    }
    return count;
}
