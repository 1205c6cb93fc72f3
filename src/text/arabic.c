/* arabic.c — normalising words to search keys, and the stop-word list; see
 * arabic.h. Most words take the fast path (ASCII and the basic Arabic
 * block, mapped by our own table); words with compatibility characters
 * (presentation forms, ligatures, full-width letters, decomposed hamza) go
 * through utf8proc's NFKC first. */
#include "text/arabic.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"

#define MAX_CPS 128     /* code points looked at per word */

/* Inside a word but not part of the key. */
static bool ignorable(long cp)
{
    return (cp >= 0x0610 && cp <= 0x061A) || cp == 0x061C || cp == 0x0640 ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
           (cp >= 0x06D6 && cp <= 0x06ED && cp != 0x06DE && cp != 0x06E9) ||
           (cp >= 0x08D3 && cp <= 0x08FF) || cp == 0x00AD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFE0F;
}

static bool arabic_block(long cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFC);
}

char_class arabic_char_class(long cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return CH_LATIN;
        return cp >= '0' && cp <= '9' ? CH_DIGIT : CH_SEP;
    }
    if ((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A))
        return CH_ARABIC;                                   /* the common case */
    if (ignorable(cp)) return CH_IGNORE;
    if ((cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9)) return CH_DIGIT;
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
    if (mark) return CH_IGNORE;
    if (cat == UTF8PROC_CATEGORY_ND) return (cp >= 0xFF10 && cp <= 0xFF19) ? CH_DIGIT : CH_OTHER;
    if (!letter) return CH_SEP;
    if (arabic_block(cp)) return CH_ARABIC;
    if (cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0xFF21 && cp <= 0xFF5A) ||
        (cp >= 0xFB00 && cp <= 0xFB06))
        return CH_LATIN;
    return CH_OTHER;
}

/* Our own table, applied after NFKC: 0 drops the character. */
static long fold(long cp, unsigned opts)
{
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp == 0x0624 || (cp >= 0x0626 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x0648) ||
        cp == 0x064A)
        return cp;                                      /* most letters */
    if (ignorable(cp)) return 0;
    switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        return 0x0627;                                  /* alef forms → ا */
    case 0x0649: return (opts & ARABIC_KEEP_MAQSURA) ? cp : 0x064A;   /* ى */
    case 0x06CC: return 0x064A;                         /* Persian ی → ي */
    case 0x06A9: return 0x0643;                         /* ک → ك */
    }
    if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
    if (arabic_block(cp)) return cp;
    return utf8proc_tolower((utf8proc_int32_t)cp);
}

/* True when NFKC may change the character (or compose it with the
 * previous one): everything outside ASCII and the basic Arabic letters. */
static bool needs_nfkc(long cp)
{
    if (cp < 0x80) return false;
    if (cp >= 0x0600 && cp <= 0x06FF)
        return (cp >= 0x0653 && cp <= 0x0655) || (cp >= 0x0675 && cp <= 0x0678);
    return !ignorable(cp);
}

/* Decode w into cps (at most MAX_CPS); returns the count. */
static size_t decode(const char *w, size_t len, utf8proc_int32_t *cps, bool *nfkc)
{
    size_t n = 0, i = 0;
    *nfkc = false;
    while (i < len && n < MAX_CPS) {
        long cp;
        size_t k = utf8_decode((const unsigned char *)w + i, len - i, &cp);
        if (!k) {           /* not UTF-8: callers validate, but never loop */
            i++;
            continue;
        }
        i += k;
        if (needs_nfkc(cp)) *nfkc = true;
        cps[n++] = (utf8proc_int32_t)cp;
    }
    return n;
}

/* NFKC of cps[0..n) into out (room for cap); the new count, or 0 when it
 * does not fit (the caller keeps the unnormalised code points then). */
static size_t nfkc(const utf8proc_int32_t *cps, size_t n, utf8proc_int32_t *out, size_t cap)
{
    size_t m = 0;
    int last = 0;
    for (size_t i = 0; i < n; i++) {
        utf8proc_ssize_t k = utf8proc_decompose_char(
            cps[i], out + m, (utf8proc_ssize_t)(cap - m),
            UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE, &last);
        if (k < 0 || (size_t)k > cap - m) return 0;
        m += (size_t)k;
    }
    utf8proc_ssize_t r = utf8proc_normalize_utf32(out, (utf8proc_ssize_t)m,
                                                  UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    return r < 0 ? 0 : (size_t)r;
}

size_t arabic_normalise(const char *w, size_t len, char *out, unsigned opts)
{
    utf8proc_int32_t cps[MAX_CPS], norm[MAX_CPS * 4];
    bool slow;
    size_t n = decode(w, len, cps, &slow);
    const utf8proc_int32_t *src = cps;
    if (slow) {
        size_t m = nfkc(cps, n, norm, sizeof norm / sizeof norm[0]);
        if (m) {
            src = norm;
            n = m;
        }
    }
    size_t o = 0, kept = 0;
    for (size_t i = 0; i < n; i++) {
        long cp = fold(src[i], opts);
        if (cp <= 0) continue;
        unsigned char tmp[4];
        utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, tmp);
        /* at most MAX_CPS code points out, as many as are read in: a key
         * normalised again is the same key (NFKC can expand ﷲ to four) */
        if (k <= 0 || o + (size_t)k > ARABIC_KEY_MAX || kept++ == MAX_CPS) break;
        memcpy(out + o, tmp, (size_t)k);
        o += (size_t)k;
    }
    out[o] = '\0';
    return o;
}

/* --- stop words ------------------------------------------------------------ */

/* Normalised (alef unified, ى kept, harakat dropped). Our own list. */
static const char *stop_words[] = {
    "في", "من", "الى", "على", "عن", "مع", "ان", "انه", "انها", "بان", "لان",
    "كان", "كانت", "كانوا", "يكون", "تكون", "ليس", "ليست", "التي", "الذي", "الذين",
    "اللذان", "اللتان", "اللواتي", "التى", "هذا", "هذه", "هذان", "هاتان", "هؤلاء", "ذلك",
    "تلك", "اولئك", "هو", "هي", "هم", "هما", "هن", "نحن", "انا", "انت", "انتم", "ما",
    "ماذا", "لماذا", "متى", "اين", "كيف", "لا", "لم", "لن", "قد", "لقد", "ثم", "او",
    "ام", "بل", "لكن", "ولكن", "حتى", "اذا", "اذ", "كل", "بعض", "غير", "بين", "عند",
    "عندما", "حيث", "كما", "ايضا", "فقط", "منذ", "خلال", "بعد", "قبل", "حول", "نحو",
    "لدى", "ضمن", "عبر", "اي", "يا", "اما", "الا", "وقد", "فقد", "ولا", "وما", "ومن",
    "وفي", "وهو", "وهي", "وهذا", "وهذه", "وكان", "وكانت", "وان", "فان", "وعلى", "وعن",
    "ومع", "كذلك", "هناك", "هنا", "سوى", "دون", "عليه", "عليها", "عليهم", "فيه",
    "فيها", "فيهم", "منه", "منها", "منهم", "له", "لها", "لهم", "به", "بها", "بهم",
    "مثل", "وهم", "ذات", "وبين", "وكل", "وبعد", "وقبل", "اليه",
    "اليها", "عنه", "عنها", "معه", "معها", "و", "ف", "ب", "ل", "ك",
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "is", "are", "was",
    "with", "at", "by", "as", "be", "it",
};
#define N_STOP (sizeof stop_words / sizeof stop_words[0])

static const char *sorted[N_STOP];
static pthread_once_t sort_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_stop_words(void)
{
    memcpy(sorted, stop_words, sizeof sorted);
    qsort(sorted, N_STOP, sizeof sorted[0], cmp_str);
}

bool arabic_is_stopword(const char *key, size_t len)
{
    if (len == 0 || len > 14) return false;
    pthread_once(&sort_once, sort_stop_words);
    char k[16];
    memcpy(k, key, len);
    k[len] = '\0';
    const char *p = k;
    return bsearch(&p, sorted, N_STOP, sizeof sorted[0], cmp_str) != NULL;
}

/* --- folds after the stop-word check and the stemmer -------------------------- */

void arabic_fold_maqsura(char *key, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)key[i] == 0xD9 && (unsigned char)key[i + 1] == 0x89)
            key[++i] = (char)0x8A;                      /* U+0649 → U+064A */
}

void arabic_fold_ta_marbuta(char *key, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if ((unsigned char)key[i] == 0xD8 && (unsigned char)key[i + 1] == 0xA9) {
            key[i] = (char)0xD9;                        /* U+0629 → U+0647 */
            key[++i] = (char)0x87;
        }
    }
}
