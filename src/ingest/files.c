/* files.c — expanding the paths of `midad import md`; see files.h. */
#include "ingest/files.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"

typedef struct {
    arena *a;
    buf list;           /* const char * entries */
    char *err;
    size_t errlen;
} walk;

static void add(walk *w, const char *path)
{
    buf_append(&w->list, &path, sizeof path);
}

static bool is_markdown(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static int cmp_path(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Add the Markdown files under dir, depth first, each folder in name order. */
static int walk_dir(walk *w, const char *dir, int depth)
{
    if (depth > 32) return 0;                   /* a loop of links: stop */
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(w->err, w->errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    size_t first = w->list.len / sizeof(const char *);
    buf subdirs;
    buf_init(&subdirs, w->a);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;     /* ., .., hidden files and folders */
        const char *p = arena_printf(w->a, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) != 0) continue;        /* a dangling link */
        if (S_ISDIR(st.st_mode)) buf_append(&subdirs, &p, sizeof p);
        else if (S_ISREG(st.st_mode) && is_markdown(e->d_name)) add(w, p);
    }
    closedir(d);
    const char **files = (const char **)(void *)w->list.data;
    size_t n = w->list.len / sizeof(const char *) - first;
    if (n) qsort(files + first, n, sizeof *files, cmp_path);
    const char **dirs = (const char **)(void *)subdirs.data;
    size_t nd = subdirs.len / sizeof(const char *);
    if (nd) qsort(dirs, nd, sizeof *dirs, cmp_path);
    for (size_t i = 0; i < nd; i++)
        if (walk_dir(w, dirs[i], depth + 1)) return -1;
    return 0;
}

int import_files(arena *a, char *const *paths, size_t n, const char ***out, size_t *count,
                 char *err, size_t errlen)
{
    walk w = { a, { 0 }, err, errlen };
    buf_init(&w.list, a);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            size_t len = strlen(paths[i]);
            while (len > 1 && paths[i][len - 1] == '/') len--;
            if (walk_dir(&w, arena_printf(a, "%.*s", (int)len, paths[i]), 0)) return -1;
        } else {
            add(&w, paths[i]);
        }
    }
    *out = (const char **)(void *)w.list.data;
    *count = w.list.len / sizeof(const char *);
    return 0;
}
