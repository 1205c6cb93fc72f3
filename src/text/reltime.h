/* reltime.h — "5 minutes ago" in the site's language ("قبل ٥ دقائق"),
 * from ICU's relative date-time formatter. */
#ifndef MIDAD_RELTIME_H
#define MIDAD_RELTIME_H

#include "core/buf.h"

/* Use `locale` ("ar", "en"; with "@numbers=latn" for Western digits) from
 * now on; call at start-up. */
void reltime_configure(const char *locale);

/* Append how long ago `t` was, seen from `now` (both Unix seconds), in the
 * largest unit that fits: seconds, minutes, hours, days, months, years.
 * Returns 0, or -1 when ICU fails (nothing appended). */
int reltime_format(buf *out, long long t, long long now);

#endif
