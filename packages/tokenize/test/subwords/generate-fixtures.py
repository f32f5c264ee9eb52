#!/usr/bin/env python3
"""
Regenerates test/subwords/fixtures/fasttext-subwords.json: fastText's own n-grams and subword ids,
from Debian's `fasttext` binary (apt-get install fasttext; 0.9.2). It trains tiny skipgram models on
a few hundred multi30k lines, runs `fasttext print-ngrams`, and maps each printed vector back to its
row of the input matrix read from the .bin: that row is the id. Two models with coprime buckets
65537 and 65539 give hash % 65537 and hash % 65539, so the CRT recovers fastText's full 32-bit hash.
Usage: python3 test/subwords/generate-fixtures.py   (needs numpy; run from packages/tokenize)
"""
import gzip, json, os, shutil, struct, subprocess, sys, tempfile
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get('NLPKIT_DATA', '/work/shared/data')
OUT = os.path.join(HERE, 'fixtures', 'fasttext-subwords.json')

# Lines that put non-ASCII words in the vocabulary (Cyrillic, CJK, emoji, ß, é, combining marks).
EXTRA = ['привет мир Москва 東京 日本語 😀 👍🏽 🇫🇷 straße façade naïve cafe\u0301 ß é ab',
         'привет 東京 😀 straße Ελλάδα']
# In- and out-of-vocabulary words, words shorter than minn, the end-of-sentence token.
WORDS = ['the', 'dog', 'Männer', 'Mädchen', 'straße', 'façade', 'naïve', 'cafe\u0301', 'ß', 'é', 'ab',
         'привет', 'Москва', '東京', '日本語', '😀', '👍🏽', '🇫🇷', 'Ελλάδα', '</s>', 'a', 'I', '',
         'xyzzyqwerty', 'Überraschungsei', 'москвич', '北京大学', '🙂🙃', 'żółć', 'ÆØÅ', 'a😀b',
         '<', '>', '<>', 'x>y']
MODELS = [  # name, minn, maxn, bucket
    ('m3-6-b65537', 3, 6, 65537),
    ('m3-6-b65539', 3, 6, 65539),
    ('m1-2-b2000', 1, 2, 2000),
    ('m0-0', 0, 0, 2000000),
]

def corpus(path):
    lines = []
    for lang in ('en', 'de', 'fr', 'cs'):
        with gzip.open(os.path.join(DATA, 'multi30k', 'raw', f'train.{lang}.gz'), 'rt', encoding='utf-8') as f:
            for i, line in enumerate(f):
                if i >= 100:
                    break
                lines.append(line.rstrip('\n'))
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines + EXTRA) + '\n')

def read_bin(path):
    """The args, vocabulary and input matrix of a fastText 0.9 .bin (see FastText::saveModel)."""
    with open(path, 'rb') as f:
        b = f.read()
    magic, version = struct.unpack_from('<ii', b, 0)
    assert magic == 793712314 and version == 12, (magic, version)
    (dim, ws, epoch, min_count, neg, word_ngrams, loss, model, bucket, minn, maxn, lr_update,
     t) = struct.unpack_from('<12id', b, 8)
    o = 8 + 12 * 4 + 8
    size, nwords, nlabels, ntokens, pruneidx_size = struct.unpack_from('<iiiqq', b, o)
    o += 4 * 3 + 8 * 2
    words = []
    for _ in range(size):
        end = b.index(b'\0', o)
        words.append(b[o:end].decode('utf-8'))
        o = end + 1 + 8 + 1  # count int64, type int8
    assert pruneidx_size <= 0
    quant = b[o]
    assert quant == 0
    o += 1
    m, n = struct.unpack_from('<qq', b, o)
    o += 16
    mat = np.frombuffer(b, dtype='<f4', count=m * n, offset=o).reshape(m, n)
    return dict(dim=dim, bucket=bucket, minn=minn, maxn=maxn, nwords=nwords, words=words, input=mat)

def print_ngrams(bin_path, word, dim):
    out = subprocess.run(['fasttext', 'print-ngrams', bin_path, word], check=True, capture_output=True).stdout
    rows = []
    for line in out.decode('utf-8').split('\n'):
        if not line.strip():
            continue
        parts = line.rstrip(' ').split(' ')
        rows.append((' '.join(parts[:-dim]), np.array([float(x) for x in parts[-dim:]], dtype=np.float64)))
    return rows

def row_of(mat, vec):
    """The one row printed as `vec` (5 significant digits), or an error if none or several fit."""
    tol = 1e-4 * np.maximum(np.abs(vec), 1e-6) + 1e-9
    fits = np.nonzero(np.all(np.abs(mat - vec) <= tol, axis=1))[0]
    if len(fits) != 1:
        raise SystemExit(f'vector matches {len(fits)} rows: {vec}')
    return int(fits[0])

def main():
    tmp = tempfile.mkdtemp(prefix='ft-subwords-')
    txt = os.path.join(tmp, 'small.txt')
    corpus(txt)
    models = []
    for name, minn, maxn, bucket in MODELS:
        prefix = os.path.join(tmp, name)
        subprocess.run(['fasttext', 'skipgram', '-input', txt, '-output', prefix, '-minn', str(minn),
                        '-maxn', str(maxn), '-bucket', str(bucket), '-dim', '10', '-epoch', '1',
                        '-minCount', '1', '-thread', '10', '-seed', '1', '-verbose', '0'],
                       check=True, capture_output=True)
        model = read_bin(prefix + '.bin')
        mat = model['input'].astype(np.float64)
        cases = []
        for word in WORDS:
            printed = print_ngrams(prefix + '.bin', word, model['dim'])
            ids = [row_of(mat, vec) for _, vec in printed]
            in_vocab = word in model['words'][:model['nwords']]
            case = {'word': word, 'wordId': model['words'].index(word) if in_vocab else None}
            if in_vocab:  # print-ngrams puts the word itself first, with its own row.
                assert printed[0][0] == word and ids[0] == case['wordId'], (word, printed[0][0], ids[0])
                printed, ids = printed[1:], ids[1:]
            case['ngrams'] = [s for s, _ in printed]
            case['ids'] = ids
            cases.append(case)
        models.append({'name': name, 'minn': model['minn'], 'maxn': model['maxn'], 'bucket': model['bucket'],
                       'nwords': model['nwords'], 'cases': cases})
    # Full 32-bit hashes of every n-gram from the two coprime-bucket models (CRT).
    a, b = models[0], models[1]
    p, q = a['bucket'], b['bucket']
    hashes = {}
    for ca, cb in zip(a['cases'], b['cases']):
        assert ca['ngrams'] == cb['ngrams']
        for s, ia, ib in zip(ca['ngrams'], ca['ids'], cb['ids']):
            ra, rb = ia - a['nwords'], ib - b['nwords']
            h = (ra + p * (((rb - ra) * pow(p, -1, q)) % q)) % (p * q)
            assert h < 2 ** 32, (s, h)
            hashes[s] = h
    version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'fasttext'], capture_output=True, text=True).stdout
    out = {
        'generator': 'test/subwords/generate-fixtures.py',
        'fasttext': f'Debian fasttext {version}'.strip(),
        'models': models,
        'hashes': [{'text': s, 'hash': h} for s, h in sorted(hashes.items())],
    }
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False, indent=None, separators=(',', ':'))
        f.write('\n')
    shutil.rmtree(tmp)
    print(f'wrote {OUT}: {sum(len(m["cases"]) for m in models)} cases, {len(hashes)} hashes', file=sys.stderr)

if __name__ == '__main__':
    main()
