#!/usr/bin/env python3
"""A labelled corpus for bench/related: story threads planted in generated text.

Usage: related_corpus.py OUTDIR THREADS [BACKGROUND] [SEED]
Writes Markdown articles (bench/gen_corpus.py's generated Arabic) and
OUTDIR/labels.tsv (file name TAB thread number). A thread is what a news
desk follows for days: 3-8 stories in one section sharing a few names (made
up from the generator's roots, with and without clitics, as written Arabic
attaches them) and a few subject words, over 1-30 days. Thread words make
up about a tenth of a story's words (gen_corpus's topic share), the rest is
the same Zipf background as every other story; BACKGROUND stories (default
as many as the thread stories) belong to no thread and share nothing on
purpose. Precision@5 is then: how many of a story's 5 "see also" belong to
its thread. The generator is not tuned to midad: its names carry clitics
(وال، بال، لل) that only a real Arabic analysis folds together.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus as g  # noqa: E402


def name(rng):
    """A made-up proper name from two roots, as a writer would attach clitics to it."""
    stem = g.apply(rng.choice(g.NOUN_PATTERNS), rng.choice(g.ROOTS)) + rng.choice(["ان", "ين", "ية", "ون"])
    return [p + stem for p in ("", "ال", "وال", "بال", "لل")]


def story(t, rng, i, thread, section, day):
    words = thread + rng.choices(t.words, cum_weights=t.cum, k=3)
    title = t.sentence(rng.randint(6, 10), words)[:-1]
    lead = t.sentence(rng.randint(18, 30), words)
    paras = [" ".join(t.sentence(rng.randint(8, 16), words) for _ in range(rng.randint(3, 5)))
             for _ in range(rng.randint(4, 7))]
    return (f'---\ntitle: "{title}"\nlead: "{lead}"\nsection: "{section}"\n'
            f'author: "{rng.choice(g.AUTHORS)}"\n'
            f'date: 2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{i % 24:02d}:00:00+03:00\n'
            f'---\n\n' + "\n\n".join(paras) + "\n")


def main():
    out, threads = sys.argv[1], int(sys.argv[2])
    background = int(sys.argv[3]) if len(sys.argv) > 3 else -1
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    os.makedirs(out, exist_ok=True)
    t = g.Text(rng)
    labels, n = [], 0
    for k in range(threads):
        section = rng.choice(g.SECTIONS)
        words = name(rng) + name(rng) + rng.choices(t.words, cum_weights=t.cum, k=4)
        start = rng.randint(0, 300)
        for _ in range(rng.randint(3, 8)):
            fname = f"thread-{n:06d}.md"
            with open(os.path.join(out, fname), "w", encoding="utf-8") as f:
                f.write(story(t, rng, n, words, section, start + rng.randint(0, 30)))
            labels.append(f"{fname}\t{k}\n")
            n += 1
    for j in range(n if background < 0 else background):
        own = rng.choices(t.words, cum_weights=t.cum, k=5)
        with open(os.path.join(out, f"background-{j:06d}.md"), "w", encoding="utf-8") as f:
            f.write(story(t, rng, j, own, rng.choice(g.SECTIONS), rng.randint(0, 330)))
    with open(os.path.join(out, "labels.tsv"), "w", encoding="utf-8") as f:
        f.writelines(labels)


if __name__ == "__main__":
    main()
