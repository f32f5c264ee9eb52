#!/bin/sh
# Regenerates packages/embed/test/fixtures/fasttext/ with Debian's fastText 0.9.2 (the `fasttext` CLI and
# its Python module, python3-fasttext). Every expected number there comes from the real fastText; none is
# typed in by hand.
#   corpus.txt      the first ~40 kB of wiki-en-17m.txt.gz (whole lines) plus a few lines written here with
#                   non-ASCII words (é, ß, 東京, emoji), so n-gram hashing of multi-byte characters is covered
#   sg.bin/.vec     fasttext skipgram -dim 10 -bucket 1000 -minCount 2 -epoch 2 -thread 1 (ns)
#   cbow-hs.bin     fasttext cbow -loss hs -minn 2 -maxn 4, same small sizes
#   nosub.bin       fasttext skipgram -maxn 0 (no subwords: OOV words get zero vectors)
#   words.txt       query words: known, unknown (OOV), non-ASCII, </s>
#   *.vectors.json  get_word_vector for each query word as float32 values (repr of the float32, exact)
#   *.print.txt     `fasttext print-word-vectors model.bin < words.txt` (5 significant digits)
#   sg.nn.json      get_nearest_neighbors(word, k=5) for a few words (known and OOV)
#   sg.sentences.json  get_sentence_vector for a few lines (known and OOV words) as float32 values
#   sg.args.json    the model's args and dictionary sizes as the Python module reports them
# Run: sh packages/embed/scripts/gen-fasttext-fixtures.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$HERE/../test/fixtures/fasttext"
mkdir -p "$OUT"
cd "$OUT"
zcat /work/shared/data/wiki-en/wiki-en-17m.txt.gz | head -c 40000 | sed '$d' > corpus.txt
cat >> corpus.txt <<'TXT'
the café in the straße sold naïve crème brûlée to the café owner
in 東京 the café and the straße are near the station of 東京
the naïve owner of the café likes crème and brûlée 🙂 and 🙂
TXT
COMMON="-dim 10 -bucket 1000 -minCount 2 -epoch 2 -thread 1 -seed 7 -verbose 0"
fasttext skipgram -input corpus.txt -output sg $COMMON
fasttext cbow -input corpus.txt -output cbow-hs -loss hs -minn 2 -maxn 4 $COMMON
fasttext skipgram -input corpus.txt -output nosub -maxn 0 $COMMON
rm -f cbow-hs.vec nosub.vec
printf '%s\n' the anarchism philosophy café straße 東京 naïve 🙂 '</s>' \
  anarchisms philosophically zzyzx qwertyuiop cafés tōkyō 東 a xy > words.txt
for m in sg cbow-hs nosub; do
  fasttext print-word-vectors "$m.bin" < words.txt > "$m.print.txt"
done
/usr/bin/python3 - <<'PY'
import json
import fasttext
import numpy as np

words = open('words.txt', encoding='utf-8').read().split('\n')[:-1]
for m in ['sg', 'cbow-hs', 'nosub']:
    model = fasttext.load_model(m + '.bin')
    out = {w: [float(x) for x in model.get_word_vector(w).astype(np.float32)] for w in words}
    with open(m + '.vectors.json', 'w', encoding='utf-8') as f:
        json.dump(out, f, ensure_ascii=False)
model = fasttext.load_model('sg.bin')
nn = {w: [[n, float(s)] for s, n in model.get_nearest_neighbors(w, k=5)] for w in ['the', 'anarchism', 'café', 'zzyzx']}
with open('sg.nn.json', 'w', encoding='utf-8') as f:
    json.dump(nn, f, ensure_ascii=False)
sentences = ['the anarchism of the state', 'zzyzx café 東京 qwertyuiop', 'philosophy']
sv = {s: [float(x) for x in model.get_sentence_vector(s).astype(np.float32)] for s in sentences}
with open('sg.sentences.json', 'w', encoding='utf-8') as f:
    json.dump(sv, f, ensure_ascii=False)
a = model.f.getArgs()
args = {k: getattr(a, k) for k in ['dim', 'ws', 'epoch', 'minCount', 'neg', 'wordNgrams', 'bucket', 'minn', 'maxn', 'lrUpdateRate', 't']}
args['loss'] = str(a.loss).split('.')[-1]
args['model'] = str(a.model).split('.')[-1]
args['nwords'] = len(model.words)
args['firstWords'] = model.words[:5]
with open('sg.args.json', 'w', encoding='utf-8') as f:
    json.dump(args, f, ensure_ascii=False)
PY
ls -l "$OUT"
