/* plural.h — the plural category of a number in the site's language
 * (Arabic has six: zero, one, two, few, many, other), from ICU's rules. */
#ifndef MIDAD_PLURAL_H
#define MIDAD_PLURAL_H

/* Use the rules of `locale` ("ar", "en") from now on; call at start-up. */
void plural_configure(const char *locale);

/* "zero", "one", "two", "few", "many" or "other" for n. */
const char *plural_category(long long n);

#endif
