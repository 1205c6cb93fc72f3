#!/usr/bin/env python3
"""Write N synthetic Arabic articles as Markdown files with front matter.

Usage: gen_corpus.py OUTDIR N [SEED]
The text is generated, not copied: words are built from triliteral roots
and morphological patterns written for this generator, with the clitics
and suffixes of written Arabic (ال، و، ب، ل، ف؛ ة، ات، ون، ين، ية…), plus
function words and place names. Word frequencies follow Zipf's law: function
words take about a third of the tokens, as in news text, and the lemmas
follow 1/(rank + 30) (Zipf-Mandelbrot). Each article also has a few topic words it repeats (words
come in bursts in real text), so document frequencies are realistic too.
bench/search draws its queries from these frequencies.
Each article has a headline, subtitle, lead, ~400 words of body in
paragraphs with a subheading, 2-4 tags, a section, an author and a date.
It exists to size the database and the search index for benchmarks; the
sentences do not mean anything.
"""
import itertools
import os
import random
import sys

# Function words (most frequent first) with their share of function-word tokens.
FUNCTION = ("في من على إلى أن عن مع التي الذي هذا هذه بعد كما قد بين أو حيث خلال "
            "كان لم لا ما ذلك كل عند إن منذ حول ضمن غير لدى أي قبل وقد وفي ثم نحو أيضا").split()
# Triliteral roots (three letters each), common in news writing.
ROOTS = ("كتب درس عمل علم حكم سلم قرر نظر عرض طلب جمع دعم نفذ شرك صدر نشر وقع حدث خرج دخل "
         "رفع خفض سعر سوق صنع زرع تجر مول نفط طرق بنى سكن نقل ركب سفر حمل جلس حضر غيب فتح "
         "غلق قطع وصل فصل حسب ربح خسر دفع قبض شرح وضح كشف بحث فحص عقد نقش حور فوض وفق "
         "رفض قبل منع سمح حرس جند قاد هجم دفع صرع حرب سلح أمن خطر ضرب نجح فشل بدأ نهى "
         "كمل زود نقص قيس حصل وظف عمر شغل مهن درب خطط رسم عدل قضى شرع حقق سجن عفو "
         "صحف ذاع بثث صور فلم مسرح غنى لعب فوز هزم درج قطر بطل رقم سجل حكم عدد مرض "
         "علج طبب دوى شفى وبأ لقح صحح غذى ماء بيئ مطر زلزل حرق غرق برد حرر قدم أخر "
         "جدد حدث نمو ضخم ركد دين قرض صرف نقد ذهب فضض سهم بورص ربع خمس").split()
ROOTS = [r for r in dict.fromkeys(ROOTS) if len(r) == 3]
# Patterns: 1, 2, 3 stand for the root letters.
NOUN_PATTERNS = ["1ا23", "م12و3", "12ا3", "ت12ي3", "است12ا3", "م123", "12ي3", "ا1ت2ا3",
                 "12و3", "ت1ا23", "م1ا23", "م12ّ3", "123"]
VERB_PATTERNS = ["123", "ي123", "ت123", "ي1ا23", "ا1ت23", "يست123"]
NOUN_SUFFIXES = [("", 40), ("ة", 20), ("ات", 8), ("ي", 6), ("ية", 8), ("ون", 4), ("ين", 5),
                 ("ه", 3), ("ها", 3), ("هم", 2)]
VERB_SUFFIXES = [("", 60), ("ت", 15), ("وا", 8), ("ون", 10), ("ه", 4), ("ها", 3)]
NOUN_PREFIXES = [("", 35), ("ال", 35), ("وال", 8), ("بال", 6), ("لل", 5), ("و", 6), ("ب", 3),
                 ("ل", 2), ("ف", 1), ("كال", 0.5)]
VERB_PREFIXES = [("", 70), ("و", 20), ("ف", 5), ("ل", 5)]
ZIPF_OFFSET = 30    # Zipf-Mandelbrot: function words are the head of the curve
PLACES = ("سوريا لبنان مصر العراق الأردن تونس المغرب الجزائر اليمن ليبيا السودان فلسطين غزة "
          "القاهرة بيروت دمشق بغداد عمان الرياض الدوحة الكويت المنامة مسقط الخرطوم طرابلس الرباط").split()
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
SECTIONS = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم وتقنية", "صحة", "منوعات", "دولي"]
AUTHORS = ["سلمى الحداد", "يوسف العمري", "ليلى منصور", "كريم الشامي", "هدى الراشد"]
FUNCTION_SHARE = 0.33
TOPIC_SHARE = 0.10


def apply(pattern, root):
    return "".join(root[int(c) - 1] if c in "123" else c for c in pattern)


def forms(stem, prefixes, suffixes, rng):
    """A lemma's written forms (prefix + stem + suffix) with their weights."""
    out = []
    for (p, pw), (s, sw) in itertools.product(prefixes, suffixes):
        if p.endswith("ال") and s in ("ه", "ها", "هم"):
            continue
        out.append((p + stem + s, pw * sw * rng.uniform(0.5, 1.5)))
    return out


def vocabulary(rng):
    """Surface words and cumulative weights: lemma of rank r has weight
    1 / (r + ZIPF_OFFSET), shared among its written forms."""
    lemmas = [(apply(p, r), NOUN_PREFIXES, NOUN_SUFFIXES) for r in ROOTS for p in NOUN_PATTERNS]
    lemmas += [(apply(p, r), VERB_PREFIXES, VERB_SUFFIXES) for r in ROOTS for p in VERB_PATTERNS]
    lemmas += [(pl, [("", 1)], [("", 1)]) for pl in PLACES]
    rng.shuffle(lemmas)
    words, weights = [], []
    for rank, (stem, prefixes, suffixes) in enumerate(lemmas, 1):
        fs = forms(stem, prefixes, suffixes, rng)
        total = sum(w for _, w in fs)
        for word, w in fs:
            words.append(word)
            weights.append(w / total / (rank + ZIPF_OFFSET))
    return words, list(itertools.accumulate(weights)), lemmas


class Text:
    def __init__(self, rng):
        self.rng = rng
        self.words, self.cum, self.lemmas = vocabulary(rng)
        fw = [1 / r for r in range(1, len(FUNCTION) + 1)]
        self.fcum = list(itertools.accumulate(fw))

    def tokens(self, n, topic):
        rng = self.rng
        content = rng.choices(self.words, cum_weights=self.cum, k=n)
        func = rng.choices(FUNCTION, cum_weights=self.fcum, k=n)
        out = []
        for i in range(n):
            r = rng.random()
            if r < FUNCTION_SHARE:
                out.append(func[i])
            elif r < FUNCTION_SHARE + TOPIC_SHARE:
                out.append(rng.choice(topic))
            elif r < FUNCTION_SHARE + TOPIC_SHARE + 0.01:
                year = str(rng.randint(1990, 2030))
                out.append(year.translate(DIGITS) if rng.random() < 0.3 else year)
            else:
                out.append(content[i])
        return out

    def sentence(self, n, topic):
        return " ".join(self.tokens(n, topic)) + "."


def article(t, rng, i):
    topic = rng.choices(t.words, cum_weights=t.cum, k=5)
    title = t.sentence(rng.randint(6, 11), topic)[:-1]
    lead = t.sentence(rng.randint(20, 35), topic)
    paras = [" ".join(t.sentence(rng.randint(8, 16), topic) for _ in range(rng.randint(3, 6)))
             for _ in range(rng.randint(5, 8))]
    body = "\n\n".join(paras[:2] + ["## " + t.sentence(4, topic)[:-1]] + paras[2:])
    tags = ", ".join(f'"وسم {w}"' for w in rng.sample(topic, rng.randint(2, 4)))
    day = 1 + i % 28
    source = ""
    if i % 5 == 0:
        source = f'source: "وكالة اختبارية"\nsource_url: "https://agency.example/{i}"\n'
    return (f'---\ntitle: "{title}"\nsubtitle: "{t.sentence(8, topic)[:-1]}"\nlead: "{lead}"\n'
            f'section: "{rng.choice(SECTIONS)}"\ntags: [{tags}]\n'
            f'author: "{rng.choice(AUTHORS)}"\n'
            f'date: 20{10 + i // 7000 % 17:02d}-{1 + (i // 28) % 12:02d}-{day:02d}T'
            f'{i % 24:02d}:{i % 60:02d}:00+03:00\n{source}---\n\n{body}\n')


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    t = Text(rng)
    for i in range(n):
        with open(os.path.join(out, f"gen-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(article(t, rng, i))


if __name__ == "__main__":
    main()
