#!/usr/bin/python3
"""Regenerates packages/embed/test/fixtures/gensim/ with gensim 4.2 (Debian's /usr/bin/python3).

Every expected number in those fixtures comes from running gensim here; nothing is typed in by hand.
  - small.bin / small.txt: 120 seeded random words x 8 dims (incl. non-ASCII words) written by gensim's
    save_word2vec_format (binary and text); small.json holds their float32 values and words.
  - eval-vectors.bin: 2,000 words x 20 dims: the distinct words of questions-words.txt (some dropped to
    make OOV questions, some in lower case too, some placed late for restrict_vocab) plus filler words;
    seeded random vectors with analogy offsets added so that some analogies succeed.
  - pairs.tsv: a word-pair file written here (WordSim/SimLex are not redistributable) with comments,
    ties in the gold scores, OOV pairs, case variants and an invalid line.
  - queries.json: most_similar / most_similar_cosmul / similar_by_vector / doesnt_match / similarity.
  - analogies.json, pairs.json: evaluate_word_analogies and evaluate_word_pairs on eval-vectors.bin.

Run: /usr/bin/python3 packages/embed/scripts/gen-gensim-fixtures.py
"""
import json
import os

import gensim
import numpy as np
from gensim.models import KeyedVectors

assert gensim.__version__.startswith('4.2'), gensim.__version__
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'test', 'fixtures', 'gensim')
QUESTIONS = '/work/shared/data/eval/questions-words.txt'
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20240601)


def f32(xs):
    """float32 values as JSON numbers that read back to the same float32."""
    return [float(repr(np.float32(x))) for x in xs]


def save_small():
    words = [f'w{i}' for i in range(110)] + ['naïve', 'über', '東京', 'café', 'Ελλάδα', 'x-y', 'a.b', "don't", 'ß', '😀']
    vecs = (rng.standard_normal((len(words), 8)) * rng.choice([1e-6, 0.01, 1, 100], size=(len(words), 8))).astype(np.float32)
    vecs[3, :] = 0.0
    vecs[4, 0] = 1e-5
    vecs[5, 1] = -0.0
    vecs[6, 2] = 1.5e17
    kv = KeyedVectors(8)
    kv.add_vectors(words, vecs)
    kv.save_word2vec_format(os.path.join(OUT, 'small.bin'), binary=True)
    kv.save_word2vec_format(os.path.join(OUT, 'small.txt'), binary=False)
    with open(os.path.join(OUT, 'small.json'), 'w') as f:
        json.dump({'words': words, 'dim': 8, 'vectors': [f32(v) for v in vecs]}, f)


def eval_vocabulary():
    seen, words, relations = set(), [], []
    section = None
    with open(QUESTIONS) as f:
        for line in f:
            if line.startswith(':'):
                section = line[2:].strip()
                continue
            a, b, c, d = line.split()
            relations.append((section, a, b))
            relations.append((section, c, d))
            for w in (a, b, c, d):
                if w not in seen:
                    seen.add(w)
                    words.append(w)
    order = rng.permutation(len(words))
    words = [words[i] for i in order]
    dropped = set(words[:60])  # OOV questions
    kept = [w for w in words if w not in dropped]
    late = kept[:40]  # beyond restrict_vocab=1500
    vocab = kept[40:]
    lower = [w.lower() for w in vocab[:50] if w.lower() != w]  # case variants, after their originals
    filler = [f'filler{i}' for i in range(2000)]
    vocab = vocab + lower
    vocab = vocab + filler[: 1500 - len(vocab)] + late
    vocab = vocab + filler[1500 - len(kept[40:]) - len(lower):][: 2000 - len(vocab)]
    assert len(vocab) == 2000 and len(set(vocab)) == 2000, (len(vocab), len(set(vocab)))
    return vocab, relations


def save_eval_vectors():
    vocab, relations = eval_vocabulary()
    index = {w: i for i, w in enumerate(vocab)}
    dim = 20
    vecs = rng.standard_normal((len(vocab), dim)).astype(np.float32)
    offsets = {}
    for section, x, y in relations:
        if x in index and y in index and rng.random() < 0.7:
            off = offsets.setdefault(section, rng.standard_normal(dim) * 1.2)
            vecs[index[y]] = vecs[index[x]] + off + rng.standard_normal(dim) * 1.1
    kv = KeyedVectors(dim)
    kv.add_vectors(vocab, vecs.astype(np.float32))
    path = os.path.join(OUT, 'eval-vectors.bin')
    kv.save_word2vec_format(path, binary=True)
    return KeyedVectors.load_word2vec_format(path, binary=True)


def write_pairs(kv):
    words = kv.index_to_key
    lines = ['# word pairs written by gen-gensim-fixtures.py (format of WordSim-353 / SimLex-999)', '# w1\tw2\tscore']
    for i in range(60):
        a, b = words[(i * 37) % 1500], words[(i * 53 + 11) % 1500]
        score = [1.0, 2.5, 2.5, 5.0, 7.25, 7.25, 7.25, 9.0][i % 8] if i % 3 == 0 else round(float(rng.uniform(0, 10)), 2)
        lines.append(f'{a}\t{b}\t{score}')
    lines.append(f'{words[5].upper()}\t{words[7].lower()}\t6.0')  # case variants
    lines.append(f'{words[1700]}\t{words[3]}\t4.0')  # beyond restrict_vocab=1500
    lines.append(f'unknownword\t{words[9]}\t3.0')  # OOV
    lines.append(f'{words[10]}\talsounknown\t2.5')  # OOV, tied gold
    lines.append('only\ttwo-fields')  # invalid: skipped
    lines.append(f'{words[11]}\t{words[12]}\tnot-a-number')  # invalid: skipped
    lines.append(f'{words[13]}\t{words[14]}\t1e1')
    with open(os.path.join(OUT, 'pairs.tsv'), 'w') as f:
        f.write('\n'.join(lines) + '\n')


def neighbours(result):
    return [[w, float(s)] for w, s in result]


def queries(kv):
    w = kv.index_to_key
    out = {'mostSimilar': [], 'cosmul': [], 'byVector': [], 'doesntMatch': [], 'similarity': []}
    for pos, neg, topn, restrict in [
        ([w[0]], [], 10, None),
        ([w[1], w[2]], [w[3]], 5, None),
        ([w[4], w[5]], [w[6], w[7]], 8, 1000),
        ([w[100]], [w[200]], 3, 300),
        ([w[1990]], [], 4, None),
    ]:
        out['mostSimilar'].append({'positive': pos, 'negative': neg, 'topN': topn, 'restrictVocab': restrict,
                                   'result': neighbours(kv.most_similar(positive=pos, negative=neg, topn=topn, restrict_vocab=restrict))})
    for pos, neg, topn in [([w[1], w[2]], [w[3]], 5), ([w[10]], [], 6), ([w[20], w[21]], [w[22], w[23]], 4)]:
        out['cosmul'].append({'positive': pos, 'negative': neg, 'topN': topn,
                              'result': neighbours(kv.most_similar_cosmul(positive=pos, negative=neg, topn=topn))})
    for i, restrict in [(30, None), (31, 500)]:
        v = (kv[w[i]] * 3 + 0.5).astype(np.float32)
        out['byVector'].append({'vector': f32(v), 'topN': 7, 'restrictVocab': restrict,
                                'result': neighbours(kv.similar_by_vector(v, topn=7, restrict_vocab=restrict))})
    for words in [[w[0], w[1], w[2], w[3]], [w[40], w[41], w[42], w[43], w[44]], [w[7], w[8]]]:
        out['doesntMatch'].append({'words': words, 'result': kv.doesnt_match(words)})
    for a, b in [(w[0], w[1]), (w[5], w[5]), (w[100], w[1999])]:
        out['similarity'].append({'w1': a, 'w2': b, 'result': float(kv.similarity(a, b))})
    # PCA of a few vectors (what `embed plot` draws): numpy's SVD of the centred rows.
    words = w[50:58]
    x = kv[words].astype(np.float64)
    x -= x.mean(axis=0)
    u, sing, vt = np.linalg.svd(x, full_matrices=False)
    var = sing ** 2 / (len(words) - 1)
    out['pca'] = {'words': words, 'explained': [float(v) for v in (var / var.sum())[:2]],
                  'coords': [[float(c) for c in row] for row in (x @ vt[:2].T)]}
    with open(os.path.join(OUT, 'queries.json'), 'w') as f:
        json.dump(out, f, indent=1, ensure_ascii=False)


def analogies(kv):
    runs = []
    # Which questions are right, for the first run only (1-based lines of questions-words.txt).
    line_of = {}
    with open(QUESTIONS) as f:
        for no, line in enumerate(f, 1):
            line_of.setdefault(' '.join(line.upper().split()), []).append(no)
    for restrict, case_insensitive, dummy in [(300000, True, False), (1500, True, False), (1500, True, True), (300000, False, False)]:
        score, sections = kv.evaluate_word_analogies(QUESTIONS, restrict_vocab=restrict, case_insensitive=case_insensitive,
                                                     dummy4unknown=dummy)
        runs.append({
            'restrictVocab': restrict, 'caseInsensitive': case_insensitive, 'dummy4unknown': dummy, 'accuracy': score,
            'sections': [{'section': s['section'], 'correct': len(s['correct']), 'incorrect': len(s['incorrect']),
                          } for s in sections],
        })
        if not runs[1:]:
            # A question repeated in the file is answered alike each time: take its lines in order.
            runs[0]['correctLines'] = sorted(line_of[' '.join(q)].pop(0) for s in sections[:-1] for q in s['correct'])
    with open(os.path.join(OUT, 'analogies.json'), 'w') as f:
        json.dump(runs, f, indent=None, separators=(',', ':'))


def pairs(kv):
    runs = []
    path = os.path.join(OUT, 'pairs.tsv')
    for restrict, case_insensitive, dummy in [(300000, True, False), (300000, True, True), (300000, False, False), (1500, True, False)]:
        pearson, spearman, oov = kv.evaluate_word_pairs(path, restrict_vocab=restrict, case_insensitive=case_insensitive,
                                                       dummy4unknown=dummy)
        runs.append({'restrictVocab': restrict, 'caseInsensitive': case_insensitive, 'dummy4unknown': dummy,
                     'pearson': [float(pearson[0]), float(pearson[1])],
                     'spearman': [float(spearman[0]), float(spearman[1])], 'oovRatio': oov})
    with open(os.path.join(OUT, 'pairs.json'), 'w') as f:
        json.dump(runs, f, indent=1)


save_small()
kv = save_eval_vectors()
write_pairs(kv)
queries(kv)
analogies(kv)
pairs(kv)
print('wrote', sorted(os.listdir(OUT)))
