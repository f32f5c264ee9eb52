#!/usr/bin/env python3
"""Regenerate test/fixtures/sacrebleu-generated.json by running the real sacreBLEU.

Inputs: the first 200 segments of WMT17 en-de (two systems and the reference, from
shared/data/metrics/sacrebleu-significance-wmt17.json.gz) plus seeded synthetic lines that hit
the traps (Python-only whitespace, CJK, the zh range typo, entities, astral characters, long
shuffled sentences that reach TER's 1,000-candidate limit). Output: for each metric
configuration, sacreBLEU's corpus result and every sentence-level score, as exact floats.

Usage (sacreBLEU from source: https://github.com/mjpost/sacrebleu; Debian: python3-regex
python3-numpy python3-tabulate python3-colorama python3-lxml python3-portalocker):

  PYTHONPATH=/path/to/sacrebleu /usr/bin/python3 packages/metrics/scripts/gen-sacrebleu-fixtures.py \
      [--shared ../shared/data/metrics]

(sacreBLEU's source tree lacks sacrebleu/version.py, which its build generates: create it with
`__version__ = '2.6.0'`.)
"""
import argparse
import gzip
import json
import os
import random
import sys

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF, TER

HERE = os.path.dirname(os.path.abspath(__file__))


def synthetic():
    rnd = random.Random(42)
    fixed = [
        ("Hello\x1cworld , and\x85more\u00a0text\u3000here.", "Hello world, and more text here.", None),
        ("BOM\ufeffinside a word\u2009thin space", "BOM inside a word thin space", "BOM\ufeff inside"),
        ("“Quoted” text — with €5 and 10–20 range…", "\"Quoted\" text - with EUR 5 and 10-20 range...", None),
        ("我们在北京见面，然后去上海。", "我们在上海见面，然后去北京。", "我们 在 北京 见面"),
        ("中文English混合123,456.78测试", "中文 English 混合 123,456.78 测试", None),
        ("&quot;a&quot; &amp; b &lt;c&gt; <skipped> d-\ne\nf", "\"a\" & b <c> d-e f", None),
        ("Price: $1,000.50 (approx.) on 25. August; ok?", "The price is $1,000.50 on 25 August, ok!", None),
        ("ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΟΦΙΑ", "Οδυσσευς και σοφια", None),
        ("İstanbul IŞIK ıi", "istanbul ışık II", None),
        ("emoji 😀 test 𝒳𝒴 ok", "emoji 😀 test 𝒳 ok", None),
        ("combining e\u0301 vs é", "combining é vs e\u0301", None),
        ("ひらがなだけ", "ひらがなだけです", None),
        ("カタカナ", "カタカナ", None),
        ("日本語の文章、テスト。「引用」！", "日本語の文章。テスト、「引用」", None),
        ("full width ＡＢＣ，１２３！", "full width ABC, 123!", None),
        ("tabs\tand\nnewlines  double  spaces ", "tabs and newlines double spaces", None),
        ("", "non-empty reference", None),
        ("non-empty hypothesis", "", None),
        ("it's John's book's cover", "it is John's book cover", None),
        ("3-4 a-b 5- -6 x.y 7.8 .9 ,1", "3 - 4 a - b", None),
        ("a.b.c, d,e,f", "a . b . c , d , e , f", None),
        ("(Parenthesised) [bracketed] {braced} <angled>", "Parenthesised bracketed braced angled", None),
        ("Ünïcödé wörds ärë fïnë.", "Unicode words are fine.", None),
        ("x", "x", "y"),
        ("the the the the the", "the cat the mat", None),
    ]
    words = ("the a of and to in is was for on that with as by at from it this be are or an "
             "which have not had but were his her they their has been one all will would there "
             "time more can only new some could these two may first any like then other").split()
    shuffled = []
    for n in (8, 15, 30, 60, 120):
        for _ in range(3):
            ref = [rnd.choice(words) for _ in range(n)]
            hyp = ref[:]
            # block moves and a few substitutions
            for _ in range(max(1, n // 6)):
                i = rnd.randrange(n)
                j = rnd.randrange(n)
                k = rnd.randint(1, 4)
                blk = hyp[i:i + k]
                del hyp[i:i + k]
                hyp[j:j] = blk
            for _ in range(n // 10):
                hyp[rnd.randrange(len(hyp))] = rnd.choice(words)
            shuffled.append((" ".join(hyp), " ".join(ref), " ".join(ref[::-1]) if n < 60 else None))
    return fixed + shuffled


BLEU_CONFIGS = [
    dict(tokenize="13a"),
    dict(tokenize="intl"),
    dict(tokenize="zh"),
    dict(tokenize="char"),
    dict(tokenize="none"),
    dict(tokenize="13a", lowercase=True),
    dict(tokenize="intl", smooth_method="floor", smooth_value=0.1),
    dict(tokenize="13a", smooth_method="add-k", smooth_value=2),
    dict(tokenize="13a", smooth_method="none"),
    dict(tokenize="13a", effective_order=True),
    dict(tokenize="13a", max_ngram_order=2),
    dict(tokenize="13a", max_ngram_order=6),
]
CHRF_CONFIGS = [
    dict(),
    dict(word_order=2),
    dict(whitespace=True),
    dict(lowercase=True, word_order=2),
    dict(eps_smoothing=True),
    dict(beta=3, word_order=1, char_order=4),
]
TER_CONFIGS = [
    dict(),
    dict(normalized=True),
    dict(no_punct=True),
    dict(normalized=True, asian_support=True),
    dict(no_punct=True, asian_support=True),
    dict(case_sensitive=True),
]

CAMEL = {
    "tokenize": "tokenize", "lowercase": "lowercase", "smooth_method": "smoothMethod",
    "smooth_value": "smoothValue", "effective_order": "effectiveOrder", "max_ngram_order": "maxNgramOrder",
    "char_order": "charOrder", "word_order": "wordOrder", "beta": "beta", "whitespace": "whitespace",
    "eps_smoothing": "epsSmoothing", "normalized": "normalized", "no_punct": "noPunct",
    "asian_support": "asianSupport", "case_sensitive": "caseSensitive",
}


def camel(d):
    return {CAMEL[k]: v for k, v in d.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(HERE, "../../../../shared/data/metrics"))
    ap.add_argument("--segments", type=int, default=200)
    ap.add_argument("--out", default=os.path.join(HERE, "../test/fixtures/sacrebleu-generated.json"))
    args = ap.parse_args()

    with gzip.open(os.path.join(args.shared, "sacrebleu-significance-wmt17.json.gz"), "rt", encoding="utf-8") as f:
        systems = dict(json.load(f)["systems"])
    n = args.segments
    hyps = systems["newstest2017.LIUM-NMT.4900.en-de"][:n]
    ref1 = systems["reference"][0][:n]  # the reference entry is a list of streams
    # a second, partial reference stream: another system's output, missing on every 7th segment
    ref2 = [None if i % 7 == 3 else s for i, s in enumerate(systems["newstest2017.online-B.0.en-de"][:n])]
    for h, r1, r2 in synthetic():
        hyps.append(h)
        ref1.append(r1)
        ref2.append(r2)
    refs = [ref1, ref2]

    out = {
        "about": "Generated by packages/metrics/scripts/gen-sacrebleu-fixtures.py with the real sacreBLEU; "
                 "inputs: first %d segments of WMT17 en-de (LIUM-NMT vs reference, online-B as a partial 2nd "
                 "reference) + synthetic trap lines. Scores are sacreBLEU's exact floats." % n,
        "sacrebleuVersion": sacrebleu.__version__,
        "python": sys.version.split()[0],
        "hyps": hyps,
        "refs": refs,
        "runs": [],
    }
    sent_refs = [[r[i] for r in refs if r[i] is not None] for i in range(len(hyps))]

    def run(metric_name, cls, cfg, extra):
        m = cls(**cfg)
        c = m.corpus_score(hyps, refs)
        entry = {"metric": metric_name, "opts": camel(cfg), "corpus": {"score": c.score, "signature": str(m.get_signature())}}
        entry["corpus"].update(extra(c))
        # single-reference corpus score too
        m1 = cls(**cfg)
        entry["corpusRef1"] = {"score": m1.corpus_score(hyps, [ref1]).score}
        sm = cls(**dict(cfg, **({"effective_order": True} if cls is BLEU and "effective_order" not in cfg else {})))
        entry["sentence"] = [sm.sentence_score(h, r).score for h, r in zip(hyps, sent_refs)]
        out["runs"].append(entry)

    for cfg in BLEU_CONFIGS:
        run("bleu", BLEU, cfg, lambda c: {"counts": c.counts, "totals": c.totals, "sysLen": c.sys_len, "refLen": c.ref_len, "bp": c.bp})
    for cfg in CHRF_CONFIGS:
        run("chrf", CHRF, cfg, lambda c: {})
    for cfg in TER_CONFIGS:
        run("ter", TER, cfg, lambda c: {"numEdits": c.num_edits, "refLength": c.ref_length})

    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)
        f.write("\n")
    print("wrote %d runs over %d segments to %s" % (len(out["runs"]), len(hyps), args.out))


if __name__ == "__main__":
    main()
