/* dates.h — dates for readers and machines: Gregorian and Hijri (Umm al-Qura)
 * display dates, time of day, RFC 3339 stamps, and parsing of the date forms
 * editors and front matter use.
 *
 * Times are Unix seconds (UTC). Display follows one process-wide setting
 * (locale, digit style, IANA time zone). Formatting uses ICU; its formatters
 * are opened lazily once per thread and closed when the thread exits.
 * Every function here accepts times from 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z (DATES_MIN..DATES_MAX) and fails outside them. */
#ifndef MIDAD_DATES_H
#define MIDAD_DATES_H

#include <stddef.h>

#include "core/buf.h"

#define DATES_MIN (-62135596800LL)  /* 0001-01-01T00:00:00Z */
#define DATES_MAX 253402300799LL    /* 9999-12-31T23:59:59Z */

typedef enum { DIGITS_LATN, DIGITS_ARAB } digits_style;

/* Set the display locale ("ar", "ar_EG" or a BCP 47 tag such as "ar-EG"),
 * digit style and IANA time zone ("Asia/Riyadh") for the whole process; call
 * at start-up before any formatting (defaults: "ar", DIGITS_LATN,
 * "Asia/Riyadh"). Threads pick up a change on their next call. Returns 0, or
 * -1 (settings unchanged) for an empty/overlong locale or an unknown zone. */
int dates_configure(const char *locale, digits_style digits, const char *tz);

/* Append the Gregorian date, e.g. "20 نوفمبر 2026" (pattern d MMMM y).
 * Returns 0, or -1 (nothing appended) if t is out of range or ICU fails. */
int dates_gregorian(buf *out, long long t);

/* Append the Hijri Umm al-Qura date, e.g. "10 جمادى الآخرة 1448 هـ"
 * (pattern d MMMM y, then " هـ" when the locale is Arabic). The day turns
 * at local midnight, like the civil Umm al-Qura calendar. 0 or -1. */
int dates_hijri(buf *out, long long t);

/* Append the time of day "HH:mm" in the site zone. 0 or -1. */
int dates_time(buf *out, long long t);

/* Append RFC 3339 in the site zone, e.g. "2026-11-20T12:30:00+03:00"
 * (always ASCII digits). A zone offset with seconds (old local mean time) is
 * rounded to the minute and the clock time shown with it, so the stamp still
 * names exactly t. -1 if the local year falls outside 0000..9999. */
int dates_iso8601(buf *out, long long t);

/* Append RFC 3339 in UTC, e.g. "2026-11-20T09:30:00Z": no ICU call, for
 * output made by the hundred thousand (sitemap lastmod). -1 if out of range. */
int dates_iso8601_utc(buf *out, long long t);

/* Append the RFC 822 / RFC 1123 date in UTC, e.g. "Fri, 20 Nov 2026
 * 09:30:00 GMT": RSS pubDate and the HTTP-date of Last-Modified (always
 * English names and ASCII digits). -1 if t is out of range. */
int dates_rfc822(buf *out, long long t);

/* Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]"
 * ('t' and 'z' are allowed, as in RFC 3339), with an optional fraction of a
 * second (".123", dropped) and an optional offset ("Z" or "±HH:MM") after
 * the time. No offset means the site zone: a wall time skipped by a DST jump
 * takes the offset from before the jump, a repeated one its first
 * occurrence. Returns 0 and *t, or -1 on anything malformed or out of range
 * (month 13, Feb 30, hour 24, seconds 60, trailing junk). */
int dates_parse(const char *s, size_t len, long long *t);

#endif
