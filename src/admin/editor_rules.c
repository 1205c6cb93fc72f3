/* editor_rules.c — which status moves each role may make; see editor.h.
 * Kept apart from the handlers so the table is a pure, tested function. */
#include "admin/editor.h"

#include <string.h>

static bool is(const char *s, const char *v)
{
    return s && strcmp(s, v) == 0;
}

static bool known(const char *s)
{
    return is(s, "draft") || is(s, "review") || is(s, "scheduled") || is(s, "published") ||
           is(s, "trash");
}

bool editor_transition_allowed(role r, const char *from, const char *to, bool is_owner)
{
    bool fresh = from && !from[0];
    if (!role_can(r, CAN_WRITE) || !known(to) || (!fresh && !known(from))) return false;
    if (fresh && is(to, "trash")) return false;
    if (!role_can(r, CAN_EDIT_ANY)) {
        /* an author: own work, drafts and review only */
        if (!fresh && !is_owner) return false;
        return (fresh || is(from, "draft") || is(from, "review")) &&
               (is(to, "draft") || is(to, "review"));
    }
    bool moves = is(to, "scheduled") || is(to, "published") || is(to, "trash") ||
                 (is(to, "draft") && (is(from, "published") || is(from, "scheduled") ||
                                      is(from, "trash")));
    if (moves && !role_can(r, CAN_PUBLISH)) return false;
    if (is(from, "trash")) return is(to, "draft");
    return true;
}

const char *editor_action_name(const char *from, const char *to)
{
    if (!from || !from[0]) return "create";
    if (strcmp(from, to) == 0) return "edit";
    if (is(to, "review")) return "submit";
    if (is(to, "scheduled")) return "schedule";
    if (is(to, "published")) return "publish";
    if (is(to, "trash")) return "trash";
    if (is(from, "trash")) return "restore";
    if (is(from, "published") || is(from, "scheduled")) return "unpublish";
    return "edit";   /* review → draft: sent back */
}
