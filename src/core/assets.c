/* assets.c — find theme files, embedded or from a theme folder; see assets.h. */
#include "core/assets.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *theme_dir;

/* Files read from the theme folder, kept for the life of the process. */
typedef struct loaded {
    struct loaded *next;
    asset a;
} loaded;
static loaded *loaded_files;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

void assets_set_theme_dir(const char *dir)
{
    theme_dir = dir;
}

static int path_is_safe(const char *path)
{
    if (!path[0] || path[0] == '/') return 0;
    for (const char *p = path; *p; p++) {
        if (*p == '\\') return 0;
        if (p[0] == '.' && p[1] == '.' && (p == path || p[-1] == '/')) return 0;
    }
    return 1;
}

static const asset *asset_from_disk(const char *path)
{
    char full[4096];
    int n = snprintf(full, sizeof full, "%s/%s", theme_dir, path);
    if (n < 0 || (size_t)n >= sizeof full) return NULL;

    pthread_mutex_lock(&loaded_lock);
    for (loaded *l = loaded_files; l; l = l->next) {
        if (strcmp(l->a.path, path) == 0) {
            pthread_mutex_unlock(&loaded_lock);
            return &l->a;
        }
    }
    const asset *found = NULL;
    FILE *f = fopen(full, "rb");
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long len = ftell(f);
        rewind(f);
        loaded *l = calloc(1, sizeof *l);
        char *data = len >= 0 ? malloc((size_t)len + 1) : NULL;
        if (l && data && fread(data, 1, (size_t)len, f) == (size_t)len) {
            data[len] = '\0';
            l->a.path = strdup(path);
            l->a.data = data;
            l->a.len = (size_t)len;
            l->next = loaded_files;
            loaded_files = l;
            found = &l->a;
        } else {
            free(l);
            free(data);
        }
    }
    if (f) fclose(f);
    pthread_mutex_unlock(&loaded_lock);
    return found;
}

const asset *asset_find(const char *path)
{
    if (!path || !path_is_safe(path)) return NULL;
    if (theme_dir) {
        const asset *a = asset_from_disk(path);
        if (a) return a;
    }
    for (const asset *a = assets_embedded; a->path; a++)
        if (strcmp(a->path, path) == 0) return a;
    return NULL;
}
