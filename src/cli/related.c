/* related.c — `midad related` and `midad duplicates`: "see also" from the
 * command line.
 *
 *   midad related rebuild [--db FILE] [--threads N]   recompute every list
 *   midad related pin|exclude|unpin [--db FILE] ID OTHER_ID
 *   midad related show [--db FILE] ID                 the list a reader sees
 *   midad duplicates [--db FILE]                      near-duplicate clusters
 *
 * Lists are computed when an article is saved or published; rebuild is for
 * an upgrade or a large import. Pins and exclusions survive it. Every
 * change bumps the site generation, so a running server drops its cached
 * pages within half a second. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

typedef struct {
    const char *db;
    int threads;
    char *args[4];
    int n_args;
} related_args;

static int usage(void)
{
    fputs("usage: midad related rebuild [--db FILE] [--threads N]\n"
          "       midad related pin|exclude|unpin [--db FILE] ID OTHER_ID\n"
          "       midad related show [--db FILE] ID\n"
          "       midad duplicates [--db FILE]\n", stderr);
    return 2;
}

/* The threads: one per core, 2 when unknown, at most 16. */
static int default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 && cores <= 16 ? (int)cores : cores > 16 ? 16 : 2;
}

/* Options and up to 4 plain arguments from argv[from]. */
static int parse_args(int argc, char **argv, int from, related_args *ra)
{
    *ra = (related_args){ "data/midad.db", default_threads(), { 0 }, 0 };
    for (int i = from; i < argc; i++) {
        const char *a = argv[i];
        if (strncmp(a, "--", 2) != 0) {
            if (ra->n_args == 4) return -1;
            ra->args[ra->n_args++] = argv[i];
            continue;
        }
        if (i + 1 >= argc) return fprintf(stderr, "midad: %s needs a value\n", a), -1;
        const char *v = argv[++i];
        if (strcmp(a, "--db") == 0) ra->db = v;
        else if (strcmp(a, "--threads") == 0 && atoi(v) >= 1 && atoi(v) <= 16) ra->threads = atoi(v);
        else return fprintf(stderr, "midad: bad option %s %s\n", a, v), -1;
    }
    return 0;
}

static long long parse_id(const char *s)
{
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;
    return s && *s && !*end && v > 0 ? v : 0;
}

static store *open_db(const char *path)
{
    char err[512];
    store *s = store_open(path, true, err, sizeof err);
    if (!s) fprintf(stderr, "midad: %s\n", err);
    return s;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The progress bar, on stderr when it is a terminal. */
static void progress(void *ctx, long long done, long long total)
{
    (void)ctx;
    if (!isatty(2)) return;
    int width = 40, full = total > 0 ? (int)(done * width / total) : width;
    fprintf(stderr, "\rsee also [%.*s%*s] %3lld%%", full,
            "########################################", width - full, "",
            total > 0 ? done * 100 / total : 100);
    if (done >= total) fputc('\n', stderr);
}

static int rebuild(store *s, int threads)
{
    double t0 = now_seconds();
    int rc = store_related_rebuild(s, threads, progress, NULL);
    double secs = now_seconds() - t0;
    if (rc) fprintf(stderr, "midad: rebuild failed: %s\n", store_errmsg(s));
    else printf("midad: \"see also\" rebuilt in %.2f s with %d threads\n", secs, threads);
    return rc ? 1 : 0;
}

int cli_related_rebuild(store *s)
{
    return rebuild(s, default_threads());
}

static int cmd_rebuild(const related_args *ra)
{
    store *s = open_db(ra->db);
    if (!s) return 1;
    int rc = rebuild(s, ra->threads);
    store_close(s);
    return rc;
}

static int cmd_choose(const related_args *ra, const char *verb)
{
    long long id = parse_id(ra->args[0]), other = parse_id(ra->args[1]);
    if (ra->n_args != 2 || !id || !other) return usage();
    if (id == other) {
        fputs("midad: a story is never its own \"see also\"\n", stderr);
        return 1;
    }
    store *s = open_db(ra->db);
    if (!s) return 1;
    const char *kind = strcmp(verb, "unpin") == 0 ? NULL : verb;
    int rc = store_related_choose(s, id, other, kind);
    if (rc == STORE_NOT_FOUND) fprintf(stderr, "midad: no article %lld or %lld\n", id, other);
    else if (rc) fprintf(stderr, "midad: %s\n", store_errmsg(s));
    else printf("midad: %s %lld for article %lld\n",
                kind ? (strcmp(kind, "pin") == 0 ? "pinned" : "excluded") : "unpinned", other, id);
    store_close(s);
    return rc ? 1 : 0;
}

static int cmd_show(const related_args *ra)
{
    long long id = parse_id(ra->args[0]);
    if (ra->n_args != 1 || !id) return usage();
    store *s = open_db(ra->db);
    if (!s) return 1;
    arena *a = arena_new(0);
    store_article_list l;
    int rc = store_related_list(s, a, id, STORE_RELATED_SHOWN, &l);
    if (rc) fprintf(stderr, "midad: %s\n", store_errmsg(s));
    for (size_t i = 0; !rc && i < l.n; i++) printf("%lld\t%s\n", l.items[i].id, l.items[i].title);
    arena_free(a);
    store_close(s);
    return rc ? 1 : 0;
}

int cli_related(int argc, char **argv)
{
    related_args ra;
    if (argc < 2 || parse_args(argc, argv, 2, &ra)) return usage();
    const char *verb = argv[1];
    if (strcmp(verb, "rebuild") == 0) return ra.n_args ? usage() : cmd_rebuild(&ra);
    if (strcmp(verb, "pin") == 0 || strcmp(verb, "exclude") == 0 || strcmp(verb, "unpin") == 0)
        return cmd_choose(&ra, verb);
    if (strcmp(verb, "show") == 0) return cmd_show(&ra);
    return usage();
}

int cli_duplicates(int argc, char **argv)
{
    related_args ra;
    if (parse_args(argc, argv, 1, &ra) || ra.n_args) return usage();
    store *s = open_db(ra.db);
    if (!s) return 1;
    arena *a = arena_new(0);
    store_duplicate *d;
    size_t n;
    int rc = store_duplicates_list(s, a, &d, &n);
    if (rc) fprintf(stderr, "midad: %s\n", store_errmsg(s));
    long long cluster = 0, clusters = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (d[i].of != cluster) {
            cluster = d[i].of;
            clusters++;
            printf("%s%lld\t%s\n", clusters > 1 ? "\n" : "", d[i].of, d[i].of_title);
        }
        printf("  %lld\t%.2f\t%s%s%s\n", d[i].id, d[i].similarity, d[i].title,
               strcmp(d[i].status, "published") ? "\t" : "",
               strcmp(d[i].status, "published") ? d[i].status : "");
    }
    if (!rc) printf("%s%lld clusters, %zu duplicates\n", n ? "\n" : "", clusters, n);
    arena_free(a);
    store_close(s);
    return rc ? 1 : 0;
}
