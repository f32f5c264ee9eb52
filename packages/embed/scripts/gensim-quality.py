#!/usr/bin/python3
"""gensim's side of the word2vec quality table in BENCHMARKS.md: train gensim 4.2 (Debian's python3-gensim) on the
unpacked benchmark corpus with the settings of `bench/index.ts train --quality` (dim 100, window 5, negative 5 or hs,
sample 1e-4, min count 5, 5 epochs, 2 workers) and score analogies restricted to the 30,000 most frequent words.

  /usr/bin/python3 packages/embed/scripts/gensim-quality.py /tmp/nlpkit-embed-bench/wiki-en-17m.txt \
      /work/shared/data/eval/questions-words.txt [sg-ns sg-hs cbow-ns cbow-hs]

Prints one JSON line per mode: {"mode", "analogy", "cpu_seconds", "wall_seconds"}.
"""
import json
import resource
import sys
import time

from gensim.models import Word2Vec

corpus, questions = sys.argv[1], sys.argv[2]
modes = sys.argv[3:] or ['sg-ns', 'sg-hs', 'cbow-ns', 'cbow-hs']


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


for mode in modes:
    model, loss = mode.split('-')
    c0, t0 = cpu(), time.time()
    m = Word2Vec(corpus_file=corpus, vector_size=100, window=5, negative=5 if loss == 'ns' else 0, hs=1 if loss == 'hs' else 0,
                 sg=1 if model == 'sg' else 0, sample=1e-4, min_count=5, epochs=5, workers=2, seed=1,
                 alpha=0.025 if model == 'sg' else 0.05)
    c1, t1 = cpu(), time.time()
    score, _ = m.wv.evaluate_word_analogies(questions, restrict_vocab=30000)
    print(json.dumps({'mode': mode, 'analogy': round(score * 100, 2), 'cpu_seconds': round(c1 - c0, 1),
                      'wall_seconds': round(t1 - t0, 1)}), flush=True)
