#!/usr/bin/env python3
"""Write N synthetic Arabic articles as Markdown files with front matter.

Usage: gen_corpus.py OUTDIR N [SEED]
The words are a small vocabulary written for this generator; sentences are
random, so the text reads as Arabic-looking filler of realistic length
(a headline, a lead, ~400 words of body in paragraphs, 2-4 tags, a section).
It exists to size the database for benchmarks, not to be read.
"""
import os
import random
import sys

WORDS = ("الحكومة الوزارة المدينة الميناء الطاقة المياه الزراعة الشباب الجامعة المستشفى "
         "الاقتصاد السوق الأسعار التجارة المصرف البرلمان الانتخابات المجلس اللجنة المشروع "
         "الطريق المدرسة الطلاب الباحثون الدراسة النتائج الموسم المباراة النادي الفريق "
         "المهرجان الكتاب الرواية المعرض الفيلم الجمهور الخبراء التقرير البيانات الخطة "
         "أعلن أكد قال أوضح أشار كشف بدأ أطلق افتتح ناقش وافق رفض طالب توقع سجل ارتفع "
         "تراجع جديد كبير واسع محلي وطني دولي سنوي أول آخر مهم عاجل رسمي عام خاص "
         "في من إلى على مع بعد قبل خلال حول عن بين منذ ضمن لدى عند نحو أكثر أقل").split()
SECTIONS = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "علوم وتقنية", "صحة", "منوعات", "دولي"]
TAGS = [f"وسم {w}" for w in WORDS[:40]]
AUTHORS = ["سلمى الحداد", "يوسف العمري", "ليلى منصور", "كريم الشامي", "هدى الراشد"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def article(rng, i):
    title = sentence(rng, rng.randint(6, 11))[:-1]
    lead = sentence(rng, rng.randint(20, 35))
    paras = [" ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 6)))
             for _ in range(rng.randint(5, 8))]
    body = "\n\n".join(paras[:2] + ["## " + sentence(rng, 4)[:-1]] + paras[2:])
    tags = ", ".join(f'"{t}"' for t in rng.sample(TAGS, rng.randint(2, 4)))
    day = 1 + i % 28
    source = ""
    if i % 5 == 0:
        source = f'source: "وكالة اختبارية"\nsource_url: "https://agency.example/{i}"\n'
    return (f'---\ntitle: "{title}"\nsubtitle: "{sentence(rng, 8)[:-1]}"\nlead: "{lead}"\n'
            f'section: "{rng.choice(SECTIONS)}"\ntags: [{tags}]\n'
            f'author: "{rng.choice(AUTHORS)}"\n'
            f'date: 20{10 + i // 4000:02d}-{1 + (i // 28) % 12:02d}-{day:02d}T'
            f'{i % 24:02d}:{i % 60:02d}:00+03:00\n{source}---\n\n{body}\n')


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, f"gen-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(article(rng, i))


if __name__ == "__main__":
    main()
