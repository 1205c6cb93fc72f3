/* comments.c — `midad comments`: moderation from the command line.
 *
 *   midad comments list [--db FILE] [--status S] [--article ID] [--limit N]
 *   midad comments approve|spam|trash [--db FILE] ID…
 *   midad comments stats [--db FILE]
 *
 * Approving or un-approving bumps the site generation, so a running server
 * drops its page cache within half a second. Emails are shown here: this
 * is the operator's view, never a public one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

typedef struct {
    const char *db, *status;
    long long article;
    int limit;
    char **ids;
    int n_ids;
} comment_args;

static int usage(void)
{
    fputs("usage: midad comments list [--db FILE] [--status pending|approved|spam|trash]\n"
          "                            [--article ID] [--limit N]\n"
          "       midad comments approve|spam|trash [--db FILE] ID…\n"
          "       midad comments stats [--db FILE]\n", stderr);
    return 2;
}

static int valid_status(const char *s)
{
    return strcmp(s, "pending") == 0 || strcmp(s, "approved") == 0 ||
           strcmp(s, "spam") == 0 || strcmp(s, "trash") == 0;
}

static long long parse_id(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return *s && !*end && v > 0 ? v : 0;
}

static int parse_args(int argc, char **argv, comment_args *ca)
{
    ca->db = "data/midad.db";
    ca->status = NULL;
    ca->article = 0;
    ca->limit = 50;
    ca->n_ids = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            ca->ids[ca->n_ids++] = argv[i];
            continue;
        }
        if (i + 1 >= argc) return fprintf(stderr, "midad: %s needs a value\n", a), -1;
        const char *v = argv[++i];
        if (strcmp(a, "--db") == 0) ca->db = v;
        else if (strcmp(a, "--status") == 0 && valid_status(v)) ca->status = v;
        else if (strcmp(a, "--article") == 0 && parse_id(v)) ca->article = parse_id(v);
        else if (strcmp(a, "--limit") == 0 && atoi(v) > 0) ca->limit = atoi(v);
        else return fprintf(stderr, "midad: bad option %s %s\n", a, v), -1;
    }
    return 0;
}

/* The first `max` characters of s on one line. */
static void print_one_line(const char *s, int max)
{
    for (int n = 0; *s; s++) {
        int starts_char = ((unsigned char)*s & 0xC0) != 0x80;
        if (starts_char && n++ == max) break;
        putchar(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
    }
}

static int list(store *s, const comment_args *ca)
{
    arena *a = arena_new(0);
    store_comment *cs;
    size_t n;
    int rc = store_comments_list(s, a, ca->status, ca->article, ca->limit, &cs, &n);
    if (rc) fprintf(stderr, "midad: %s\n", store_errmsg(s));
    for (size_t i = 0; !rc && i < n; i++) {
        printf("%lld\t%s\tarticle %lld\t%s <%s>\t", cs[i].id, cs[i].status, cs[i].article_id,
               cs[i].name, cs[i].email);
        print_one_line(cs[i].body, 80);
        putchar('\n');
    }
    if (!rc && n == 0) puts("no comments");
    arena_free(a);
    return rc ? 1 : 0;
}

static int set_status(store *s, const comment_args *ca, const char *status)
{
    if (ca->n_ids == 0) return usage();
    int failed = 0;
    for (int i = 0; i < ca->n_ids; i++) {
        long long id = parse_id(ca->ids[i]);
        int rc = id ? store_comment_set_status(s, id, status) : STORE_NOT_FOUND;
        if (rc == 0) printf("comment %lld: %s\n", id, status);
        else if (rc == STORE_NOT_FOUND) fprintf(stderr, "midad: no comment with id \"%s\"\n", ca->ids[i]);
        else fprintf(stderr, "midad: comment %s: %s\n", ca->ids[i], store_errmsg(s));
        failed += rc != 0;
    }
    return failed ? 1 : 0;
}

static int stats(store *s)
{
    arena *a = arena_new(0);
    const char **reasons;
    long long *counts;
    size_t n;
    int rc = store_comment_counts(s, a, &reasons, &counts, &n);
    for (size_t i = 0; !rc && i < n; i++) printf("%-10s %lld\n", reasons[i], counts[i]);
    rc = rc ? rc : store_refusals(s, a, &reasons, &counts, &n);
    puts("refused:");
    for (size_t i = 0; !rc && i < n; i++) printf("  %-12s %lld\n", reasons[i], counts[i]);
    if (!rc && n == 0) puts("  none");
    arena_free(a);
    return rc ? 1 : 0;
}

int cli_comments(int argc, char **argv)
{
    if (argc < 2) return usage();
    const char *verb = argv[1];
    comment_args ca;
    ca.ids = calloc((size_t)argc, sizeof *ca.ids);
    if (!ca.ids) return 1;
    if (parse_args(argc, argv, &ca)) {
        free(ca.ids);
        return 2;
    }
    char err[512];
    store *s = store_open(ca.db, false, err, sizeof err);
    int rc = 2;
    if (!s) fprintf(stderr, "midad: %s\n", err), rc = 1;
    else if (strcmp(verb, "list") == 0) rc = list(s, &ca);
    else if (strcmp(verb, "stats") == 0) rc = stats(s);
    else if (strcmp(verb, "approve") == 0) rc = set_status(s, &ca, "approved");
    else if (strcmp(verb, "spam") == 0 || strcmp(verb, "trash") == 0) rc = set_status(s, &ca, verb);
    else rc = usage();
    store_close(s);
    free(ca.ids);
    return rc;
}
