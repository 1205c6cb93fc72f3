/* dupes.c — MinHash signatures of analysed word shingles; see dupes.h. */
#include "text/dupes.h"

#include <pthread.h>
#include <string.h>

#include "text/tokenize.h"

static uint64_t mix64(uint64_t x)       /* splitmix64's finaliser */
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Hash function i of the family: multiply-shift on a mixed 64-bit value,
 * with odd multipliers and offsets drawn from splitmix64 once. */
static uint64_t mult[DUPES_HASHES], add[DUPES_HASHES];

static pthread_once_t family_once = PTHREAD_ONCE_INIT;

static void family_make(void)
{
    uint64_t x = 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < DUPES_HASHES; i++) {
        add[i] = mix64(x += 0x9e3779b97f4a7c15ULL);
        mult[i] = mix64(x += 0x9e3779b97f4a7c15ULL) | 1;
    }
}

static void offer(dupes_sig *s, uint64_t shingle)
{
    uint64_t x = mix64(shingle);
    for (int i = 0; i < DUPES_HASHES; i++) {
        uint32_t h = (uint32_t)((x * mult[i] + add[i]) >> 32);
        if (h < s->h[i]) s->h[i] = h;
    }
}

void dupes_begin(dupes_builder *b, dupes_sig *out)
{
    pthread_once(&family_once, family_make);
    memset(out->h, 0xff, sizeof out->h);
    out->shingles = 0;
    b->sig = out;
    b->seen = 0;
}

/* The hash of a word with the hamza carriers ؤ and ئ read as ء (مسؤول and
 * مسئول are one word); all three are two bytes in UTF-8. */
static uint64_t word_hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;    /* FNV-1a 64 */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (i > 0 && (unsigned char)p[i - 1] == 0xD8 && (c == 0xA4 || c == 0xA6)) c = 0xA1;
        h = (h ^ c) * 1099511628211ULL;
    }
    return h;
}

void dupes_word(dupes_builder *b, const char *term, size_t len)
{
    memmove(b->win, b->win + 1, (DUPES_SHINGLE - 1) * sizeof *b->win);
    b->win[DUPES_SHINGLE - 1] = word_hash(term, len);
    if (++b->seen < DUPES_SHINGLE) return;
    uint64_t sh = 0;
    for (int i = 0; i < DUPES_SHINGLE; i++) sh = mix64(sh ^ b->win[i]);
    offer(b->sig, sh);
    b->sig->shingles++;
}

/* Each word's surface form (normalised, unstemmed). */
static int feed(void *p, int flags, const char *term, size_t len, size_t start, size_t end)
{
    if (len > 1 && term[0] == SURFACE_MARK) dupes_word(p, term + 1, len - 1);
    return 0;
}

int dupes_signature(stemmer *st, const char *text, size_t len, dupes_sig *out)
{
    dupes_builder b;
    dupes_begin(&b, out);
    return analyse(st, text, len, ANALYSE_INDEX, feed, &b) ? -1 : 0;
}

double dupes_similarity(const dupes_sig *a, const dupes_sig *b)
{
    if (a->shingles < DUPES_MIN_SHINGLES || b->shingles < DUPES_MIN_SHINGLES) return 0;
    int same = 0;
    for (int i = 0; i < DUPES_HASHES; i++) same += a->h[i] == b->h[i];
    return (double)same / DUPES_HASHES;
}

void dupes_bands(const dupes_sig *s, uint32_t keys[DUPES_BANDS])
{
    for (int b = 0; b < DUPES_BANDS; b++) {
        uint64_t h = (uint64_t)b * 0x9e3779b97f4a7c15ULL;
        for (int r = 0; r < DUPES_ROWS; r++) h = mix64(h ^ s->h[b * DUPES_ROWS + r]);
        keys[b] = (uint32_t)(h >> 32) ? (uint32_t)(h >> 32) : 1;
    }
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int b = 0; b < 4; b++) p[b] = (unsigned char)(v >> (8 * b));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void dupes_pack(const dupes_sig *s, unsigned char out[DUPES_PACKED])
{
    put32(out, s->shingles);
    for (int i = 0; i < DUPES_HASHES; i++) put32(out + 4 * (i + 1), s->h[i]);
}

int dupes_unpack(const void *blob, size_t len, dupes_sig *out)
{
    const unsigned char *p = blob;
    if (!p || len != DUPES_PACKED) return -1;
    out->shingles = get32(p);
    for (int i = 0; i < DUPES_HASHES; i++) out->h[i] = get32(p + 4 * (i + 1));
    return 0;
}
