/* arabic.h — normalising words for search: the first step of the one
 * analysis that runs when an article is indexed and when a reader searches.
 *
 * A word is normalised to a search key: NFKC (presentation forms, lam-alef
 * ligatures, full-width Latin), tatweel, harakat, U+0670, Quranic marks,
 * ZWNJ/ZWJ and bidi marks dropped; أ إ آ ٱ → ا; ى and Persian ی → ي;
 * ک → ك; Arabic-Indic and Persian digits → ASCII; Latin case folded.
 * ة is kept: the stemmer needs it (text/stem folds it after stemming).
 * Keys are for matching only, never for display. */
#ifndef MIDAD_ARABIC_H
#define MIDAD_ARABIC_H

#include <stdbool.h>
#include <stddef.h>

/* The longest key, in bytes (longer words are cut at a character). */
#define ARABIC_KEY_MAX 192

/* What a character is to the word splitter. */
typedef enum {
    CH_SEP,     /* ends a word: space, punctuation, symbols */
    CH_IGNORE,  /* inside a word, dropped: marks, tatweel, ZWNJ, bidi marks */
    CH_ARABIC,  /* an Arabic letter (any Arabic-script block) */
    CH_LATIN,   /* a Latin letter */
    CH_DIGIT,   /* ASCII, Arabic-Indic or Persian digit */
    CH_OTHER,   /* a letter of another script */
} char_class;

/* The class of code point cp. */
char_class arabic_char_class(long cp);

/* Options of arabic_normalise. */
#define ARABIC_KEEP_MAQSURA 1   /* leave ى as it is (for the stop-word check) */

/* Normalise the word w[0..len) (valid UTF-8) into out (ARABIC_KEY_MAX + 1
 * bytes), NUL-terminated; returns the key's length (0 when nothing is left,
 * e.g. a word of harakat only). */
size_t arabic_normalise(const char *w, size_t len, char *out, unsigned opts);

/* True if the key (normalised with ARABIC_KEEP_MAQSURA) is a stop word:
 * our own list of Arabic particles, pronouns and auxiliaries with their
 * common attached conjunctions, and a few English function words. */
bool arabic_is_stopword(const char *key, size_t len);

/* In place: ى → ي (for keys normalised with ARABIC_KEEP_MAQSURA). */
void arabic_fold_maqsura(char *key, size_t len);

/* In place: ة → ه (after stemming, where it no longer hurts). */
void arabic_fold_ta_marbuta(char *key, size_t len);

#endif
