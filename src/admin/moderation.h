/* moderation.h — private to src/admin/: what the comment queue
 * (moderation.c) and the comment page (moderation_edit.c) share. */
#ifndef MIDAD_MODERATION_H
#define MIDAD_MODERATION_H

#include "render/view.h"
#include "store/store.h"

/* A comment of the queue: id, name, email, website, body, status, time,
 * article (title, url when published), parent (id, name, excerpt). */
view *moderation_item_view(arena *a, const store_queue_item *it, long long now);

#endif
