#!/usr/bin/env python3
"""Near-duplicate test set for bench/related: edited copies and different stories.

Usage: dupes_pairs.py OUTDIR DEMO_DIR CORPUS_DIR [SEED]
Writes text files and OUTDIR/pairs.tsv ("dup" or "other" TAB file TAB file).
Originals: the demo articles (real Arabic written for midad) and generated
ones. Each original gets edited copies as agencies' copy is republished:
paragraphs reordered; a new headline (the headline is not part of the
compared text, so it is changed together with one sentence cut); a paragraph
added; a paragraph removed; diacritics added and hamza spelled differently
(أ/إ/آ→ا, ؤ→ئ, ة→ه at word ends, ى→ي); and two edits at once. Negatives: every
original against other originals — the demo's neighbours are about the same
subjects (two election stories, two water stories), the hard case.
"""
import os
import random
import re
import sys


def body_of(path):
    text = open(path, encoding="utf-8").read()
    fm, _, body = text.partition("\n---\n")
    lead = re.search(r'^lead: "(.*)"$', fm, re.M)
    paras = [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    return ([lead.group(1)] if lead else []) + paras


HARAKAT = "\u064e\u064f\u0650\u0651\u0652"


def respell(p, rng):
    p = re.sub("[أإآ]", "ا", p)
    p = p.replace("ؤ", "ئ").replace("ى ", "ي ")
    p = re.sub("ة(?=[ ،.])", "ه", p)
    return "".join(c + (rng.choice(HARAKAT) if "\u0621" <= c <= "\u064a" and rng.random() < 0.15 else "")
                   for c in p)


def edits(paras, extra, rng):
    out = {}
    if len(paras) >= 3:
        shuffled = paras[:]
        while shuffled == paras:
            rng.shuffle(shuffled)
        out["reordered"] = shuffled
        out["removed"] = paras[:1] + paras[2:]
    sentences = re.split(r"(?<=\.) ", paras[-1])
    out["new-headline"] = paras[:-1] + [" ".join(sentences[:-1]) or paras[-1]]
    out["added"] = paras + [extra]
    out["respelled"] = [respell(p, rng) for p in paras]
    if "reordered" in out:
        out["reordered+respelled"] = [respell(p, rng) for p in out["reordered"]]
    return out


def main():
    out, demo, corpus = sys.argv[1:4]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 3)
    os.makedirs(out, exist_ok=True)
    files = [os.path.join(demo, f) for f in sorted(os.listdir(demo)) if f.endswith(".md")]
    files += [os.path.join(corpus, f) for f in sorted(os.listdir(corpus))[:60] if f.endswith(".md")]
    originals = [body_of(f) for f in files]
    pairs = []

    def write(name, paras):
        path = os.path.join(out, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(paras) + "\n")
        return path

    for i, paras in enumerate(originals):
        orig = write(f"orig-{i:03d}.txt", paras)
        extra = rng.choice([p for j, o in enumerate(originals) if j != i for p in o])
        for kind, copy in edits(paras, extra, rng).items():
            pairs.append(("dup", kind, orig, write(f"copy-{i:03d}-{kind}.txt", copy)))
    for i in range(len(originals)):
        for j in range(i + 1, len(originals)):
            if j - i <= 3 or rng.random() < 0.05:       # neighbours: same subjects
                pairs.append(("other", "different", os.path.join(out, f"orig-{i:03d}.txt"),
                              os.path.join(out, f"orig-{j:03d}.txt")))
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as f:
        for label, kind, a, b in pairs:
            f.write(f"{label}:{kind}\t{a}\t{b}\n")


if __name__ == "__main__":
    main()
