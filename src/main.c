/* main.c — the midad command: one binary for serving the site and for
 * the operator's tasks. Each subcommand is a function below; they share
 * the option parser and report errors here, at the edge.
 *
 * How a request flows: cmd_serve → server_run (http/server.c) → the page
 * cache or site_routes (site/site.c) → a handler (site/article.c, …) →
 * store/ for data, render/ for HTML or JSON. docs/architecture.md has more. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin/admin.h"
#include "cli/cli.h"
#include "core/assets.h"
#include "http/server.h"
#include "ingest/files.h"
#include "ingest/import.h"
#include "site/site.h"
#include "store/store.h"

typedef struct {
    const char *db;
    const char *listen;
    const char *theme;
    int threads;
    long cache_mb;
    int max_per_ip;         /* --max-per-ip: connections at once from one address */
    const char *user;       /* --user: started as root, run as this user */
    int header_timeout;     /* --header-timeout: seconds to send a request's headers */
    int body_timeout;       /* --body-timeout: seconds to send its body */
    int first_arg;      /* index of the first non-option argument */
    const char *base_url;   /* --base-url: absolute links in feeds, sitemaps */
    const char *see_also;   /* import --see-also: each, once or auto */
} options;

static void usage(FILE *out)
{
    fputs("usage: midad COMMAND [options]\n"
          "\n"
          "  serve   [--db FILE] [--listen ADDR:PORT] [--theme DIR]\n"
          "          [--threads N] [--cache-mb N] [--max-per-ip N]\n"
          "          [--header-timeout S] [--body-timeout S] [--user NAME]\n"
          "          [--base-url URL]                serve the site\n"
          "  init    [--db FILE]                     create or migrate the database\n"
          "  demo    [--db FILE]                     load the demo newsroom (idempotent)\n"
          "  import md [--db FILE] [--see-also each|once|auto] PATH…\n"
          "                                          import Markdown files (or folders of them)\n"
          "  set     [--db FILE] KEY VALUE           change a site setting (read at serve)\n"
          "  reindex [--db FILE]                     rebuild the search index\n"
          "  comments list|approve|spam|trash|stats  moderate comments (midad comments for help)\n"
          "  user add|passwd|disable|enable|list     staff accounts (midad user for help)\n"
          "  related rebuild|pin|exclude|unpin|show  \"see also\" lists (midad related for help)\n"
          "  duplicates [--db FILE]                  near-duplicate story clusters\n"
          "  backup  [--db FILE] NEW-FILE            a consistent copy, safe while serving\n"
          "\n"
          "The database defaults to data/midad.db, the address to 127.0.0.1:8080.\n",
          out);
}

/* Parse options from argv[from]; stops at the first non-option. */
static int parse_options(int argc, char **argv, int from, options *o)
{
    *o = (options){ .db = "data/midad.db", .listen = "127.0.0.1:8080", .cache_mb = 32,
                    .max_per_ip = 64, .first_arg = from, .see_also = "auto" };
    int i = from;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--") == 0) {
            i++;
            break;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "midad: %s needs a value\n", opt);
            return -1;
        }
        const char *val = argv[++i];
        if (strcmp(opt, "--db") == 0) o->db = val;
        else if (strcmp(opt, "--listen") == 0) o->listen = val;
        else if (strcmp(opt, "--theme") == 0) o->theme = val;
        else if (strcmp(opt, "--threads") == 0) o->threads = atoi(val);
        else if (strcmp(opt, "--cache-mb") == 0) o->cache_mb = atol(val);
        else if (strcmp(opt, "--max-per-ip") == 0) o->max_per_ip = atoi(val);
        else if (strcmp(opt, "--user") == 0) o->user = val;
        else if (strcmp(opt, "--header-timeout") == 0) o->header_timeout = atoi(val);
        else if (strcmp(opt, "--body-timeout") == 0) o->body_timeout = atoi(val);
        else if (strcmp(opt, "--base-url") == 0) o->base_url = val;
        else if (strcmp(opt, "--see-also") == 0) o->see_also = val;
        else {
            fprintf(stderr, "midad: unknown option %s\n", opt);
            return -1;
        }
    }
    o->first_arg = i;
    if (o->threads < 0 || o->threads > 256 || o->cache_mb < 0 || o->cache_mb > 65536) {
        fprintf(stderr, "midad: --threads must be 0–256 and --cache-mb 0–65536\n");
        return -1;
    }
    return 0;
}

static store *open_db(const options *o, bool migrate)
{
    char err[512];
    store *s = store_open(o->db, migrate, err, sizeof err);
    if (!s) fprintf(stderr, "midad: %s\n", err);
    return s;
}

static int cmd_init(const options *o)
{
    store *s = open_db(o, true);
    if (!s) return 1;
    printf("midad: %s is at schema version %d\n", o->db, store_schema_version(s));
    store_close(s);
    return 0;
}

/* Import one file (or embedded demo text) and report it. */
static int import_one(store *s, const char *label, const char *name, const char *text,
                      size_t len, bool see_also)
{
    import_result res;
    int rc = text ? import_markdown(s, name, text, len, &res)
                  : import_markdown_file(s, label, see_also, &res);
    if (rc) {
        if (res.line > 0) fprintf(stderr, "midad: %s:%d: %s\n", label, res.line, res.error);
        else fprintf(stderr, "midad: %s: %s\n", label, res.error);
        return 1;
    }
    printf("%s %s → article %lld\n", res.created ? "imported" : "updated ", label, res.id);
    return 0;
}

/* Updating the "see also" lists article by article costs several times
 * what rebuilding them all does per article (a rebuild shares the work and
 * uses every core): with at least IMPORT_BULK files, and at least a
 * quarter as many as the published articles already there, the import
 * rebuilds them all once at the end instead ("auto"; "each" and "once"
 * choose). */
#define IMPORT_BULK 100

static bool see_also_later(store *s, const char *mode, size_t files)
{
    if (strcmp(mode, "auto") != 0) return strcmp(mode, "once") == 0;
    if (files < IMPORT_BULK) return false;
    arena *a = arena_new(0);
    store_filter f = { .limit = 1 };
    store_article_list l;
    bool later = store_articles_list(s, a, &f, &l) == 0 && 4 * (long long)files >= l.total;
    arena_free(a);
    return later;
}

static int cmd_import(const options *o, int argc, char **argv)
{
    int first = o->first_arg;
    if (first >= argc) {
        fputs("usage: midad import md [--db FILE] [--see-also each|once|auto] PATH…\n", stderr);
        return 2;
    }
    if (strcmp(o->see_also, "each") && strcmp(o->see_also, "once") && strcmp(o->see_also, "auto")) {
        fprintf(stderr, "midad: --see-also must be each, once or auto (not \"%s\")\n", o->see_also);
        return 2;
    }
    arena *a = arena_new(0);
    const char **files = NULL;
    size_t total = 0;
    char err[512];
    int bad = import_files(a, argv + first, (size_t)(argc - first), &files, &total, err,
                           sizeof err);
    if (!bad && total == 0) {
        snprintf(err, sizeof err, "no .md files in the paths given");
        bad = 1;
    }
    if (bad) {
        fprintf(stderr, "midad: %s (nothing imported)\n", err);
        arena_free(a);
        return 1;
    }
    store *s = open_db(o, true);
    if (!s) {
        arena_free(a);
        return 1;
    }
    int failed = 0, rc = 0;
    bool later = see_also_later(s, o->see_also, total);
    for (size_t i = 0; i < total; i++)
        failed += import_one(s, files[i], NULL, NULL, 0, !later);
    if (later && (size_t)failed < total) {
        fprintf(stderr, "midad: \"see also\" for all articles at once, after %zu files\n", total);
        rc = cli_related_rebuild(s);
    }
    store_close(s);
    arena_free(a);
    if (failed) fprintf(stderr, "midad: %d of %zu files failed to import\n", failed, total);
    return failed || rc ? 1 : 0;
}

static int cmd_demo(const options *o)
{
    store *s = open_db(o, true);
    if (!s) return 1;
    int failed = 0;
    for (const asset *a = assets_embedded; a->path; a++)
        if (strncmp(a->path, "demo/", 5) == 0)
            failed += import_one(s, a->path, a->path + 5, a->data, a->len, true);
    store_close(s);
    return failed ? 1 : 0;
}

/* "set KEY VALUE": one row of the settings table (base_url, websub_hub…). */
static int cmd_set(const options *o, int argc, char **argv)
{
    if (argc - o->first_arg != 2 || !argv[o->first_arg][0] ||
        strspn(argv[o->first_arg], "abcdefghijklmnopqrstuvwxyz0123456789_") !=
            strlen(argv[o->first_arg])) {
        fputs("usage: midad set [--db FILE] KEY VALUE   (KEY: a-z, 0-9, _)\n", stderr);
        return 2;
    }
    store *s = open_db(o, true);
    if (!s) return 1;
    int rc = store_setting_set(s, argv[o->first_arg], argv[o->first_arg + 1]);
    /* a running server reloads its settings when the generation moves */
    if (!rc) rc = store_generation_bump(s);
    if (rc) fprintf(stderr, "midad: %s\n", store_errmsg(s));
    store_close(s);
    return rc ? 1 : 0;
}

/* The reindex progress bar, drawn on stderr when it is a terminal; ctx
 * keeps the count. */
static void reindex_progress(void *ctx, long long done, long long total)
{
    *(long long *)ctx = done;
    if (!isatty(2)) return;
    int width = 40, full = total > 0 ? (int)(done * width / total) : width;
    fprintf(stderr, "\rindexing [%.*s%*s] %3lld%% %lld/%lld", full,
            "########################################", width - full, "",
            total > 0 ? done * 100 / total : 100, done, total);
    if (done == total) fputc('\n', stderr);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "reindex": rebuild the search index from the articles (search.c). */
static int cmd_reindex(const options *o)
{
    store *s = open_db(o, true);
    if (!s) return 1;
    double t0 = now_seconds();
    long long idx = 0, text = 0, n = 0;
    int rc = store_search_reindex(s, reindex_progress, &n);
    double secs = now_seconds() - t0;
    if (rc) {
        fprintf(stderr, "midad: reindex failed: %s\n", store_errmsg(s));
    } else if (store_search_sizes(s, &idx, &text) == 0) {
        printf("midad: indexed %lld articles in %.2f s (%.0f/s); index %.1f MiB for %.1f MiB"
               " of text\n", n, secs, secs > 0 ? (double)n / secs : 0.0,
               (double)idx / 1048576.0, (double)text / 1048576.0);
    }
    store_close(s);
    return rc ? 1 : 0;
}

/* The server's watcher thread, twice a second: scheduled stories, then
 * whether readers' pages changed (by this process or another). */
static int tick(void)
{
    store *s = store_for_thread();
    if (s) admin_tick(s);
    return site_data_changed();
}

/* The public site's routes, then the back office's, in one table. */
static route *all_routes(size_t *n)
{
    *n = site_n_routes + admin_n_routes;
    route *r = malloc(*n * sizeof *r);
    if (!r) abort();
    memcpy(r, site_routes, site_n_routes * sizeof *r);
    memcpy(r + site_n_routes, admin_routes, admin_n_routes * sizeof *r);
    return r;
}

/* The first admin, when there is none: its password is printed once. */
static void first_admin(store *s)
{
    char said[128];
    if (admin_bootstrap(s, said, sizeof said) == 1)
        fprintf(stderr, "midad: no admin existed, so one was made (shown only now):\n"
                        "midad:   %s\nmidad:   sign in at /admin/login and change it\n", said);
}

static int cmd_serve(const options *o)
{
    char err[512];
    if (o->theme) assets_set_theme_dir(o->theme);
    store *s = open_db(o, false);
    if (!s) return 1;
    int rc = store_check_lock(s, err, sizeof err);
    bool readonly = rc == 1;
    if (readonly) {
        fprintf(stderr, "midad: %s is read-only: serving it for reading; writes get 503\n", o->db);
        rc = 0;
    }
    if (!rc) rc = site_init(s, err, sizeof err);
    if (!rc) rc = site_base_url(o->base_url, o->listen, err, sizeof err);
    if (!rc) rc = admin_init(s, err, sizeof err);
    if (!rc && !readonly) first_admin(s);
    store_close(s);
    if (rc) {
        fprintf(stderr, "midad: %s\n", err);
        return 1;
    }
    store_set_path(o->db);
    size_t n_routes;
    route *routes = all_routes(&n_routes);
    server_config cfg = {
        .listen = o->listen,
        .threads = o->threads,
        .cache_bytes = (size_t)o->cache_mb * 1024 * 1024,
        .per_ip_limit = o->max_per_ip,
        .run_as = o->user,
        .header_timeout = o->header_timeout,
        .body_timeout = o->body_timeout,
        .routes = routes,
        .n_routes = n_routes,
        .error_page = site_error_page,
        .data_changed = tick,
        .large_body_prefix = "/admin/",
        .large_body_max = ADMIN_MAX_BODY,
    };
    rc = server_run(&cfg, err, sizeof err);
    if (rc) fprintf(stderr, "midad: %s\n", err);
    site_shutdown();
    free(routes);
    store *last = store_for_thread();
    if (last && !readonly && store_checkpoint(last))
        fprintf(stderr, "midad: WAL checkpoint failed: %s\n", store_errmsg(last));
    return rc ? 1 : 0;
}

/* "backup FILE": a consistent copy, safe while the server runs. */
static int cmd_backup(const options *o, int argc, char **argv)
{
    if (argc - o->first_arg != 1) {
        fputs("usage: midad backup [--db FILE] NEW-FILE\n", stderr);
        return 2;
    }
    char err[512];
    store *s = open_db(o, false);
    if (!s) return 1;
    int rc = store_backup(s, argv[o->first_arg], err, sizeof err);
    if (rc) fprintf(stderr, "midad: %s\n", err);
    else printf("midad: %s backed up to %s\n", o->db, argv[o->first_arg]);
    store_close(s);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *cmd = argv[1];
    /* "import md [options] PATH…": the options follow the format */
    bool is_import = strcmp(cmd, "import") == 0;
    if (is_import && (argc < 3 || strcmp(argv[2], "md") != 0)) {
        fputs("usage: midad import md [--db FILE] [--see-also each|once|auto] PATH…\n", stderr);
        return 2;
    }
    options o;
    if (parse_options(argc, argv, is_import ? 3 : 2, &o)) return 2;
    if (strcmp(cmd, "serve") == 0) return cmd_serve(&o);
    if (strcmp(cmd, "init") == 0) return cmd_init(&o);
    if (strcmp(cmd, "demo") == 0) return cmd_demo(&o);
    if (is_import) return cmd_import(&o, argc, argv);
    if (strcmp(cmd, "set") == 0) return cmd_set(&o, argc, argv);
    if (strcmp(cmd, "reindex") == 0) return cmd_reindex(&o);
    if (strcmp(cmd, "comments") == 0) return cli_comments(argc - 1, argv + 1);
    if (strcmp(cmd, "user") == 0) return cli_user(argc - 1, argv + 1);
    if (strcmp(cmd, "related") == 0) return cli_related(argc - 1, argv + 1);
    if (strcmp(cmd, "duplicates") == 0) return cli_duplicates(argc - 1, argv + 1);
    if (strcmp(cmd, "backup") == 0) return cmd_backup(&o, argc, argv);
    fprintf(stderr, "midad: unknown command \"%s\"\n", cmd);
    usage(stderr);
    return 2;
}
