;; KenLM's `query` scoring loop on UTF-8 bytes in WebAssembly: query.ts's byte path (`scoreBytes`,
;; `scoreIds`, `emit`) for a whole batch of lines in one call: split lines and words, look words up by
;; their bytes, walk the orders as ArpaModel.fullScore does (same float32 operations in the same order,
;; so the same bits), sum the totals, and with `emit` print KenLM's per-word line (query.ts's `emit`,
;; float-format.ts's `writeFloat32`). Why WebAssembly: the same loops in JavaScript cost about twice
;; KenLM's instructions per word (bounds checks, float/int conversions, object fields), and the probes'
;; cache misses are the rest; here the code is as plain as KenLM's. Same output, byte for byte
;; (test/score-kernel.test.ts against the JavaScript path; test/kenlm-query.test.ts and cli.test.ts
;; against KenLM).
;;
;; Three rare cases call back into JavaScript: a word not found by its bytes (`env.lookup`: decoded and
;; looked up as text, as query.ts does), printing such a word (`env.surface`), and a number the fast
;; printer declines (`env.fmt`: zeros, ties, extreme exponents; float-format.ts's slow path).
;;
;; Memory: imported and shared (score-kernel-host.ts's WasmArena): the model's tables (NgramTable's
;; unigram records and `probe` slots, the vocabulary) live in it, allocated there by the ARPA reader, so
;; the kernel reads them in place. Everything the kernel uses is passed as addresses in `init`.
;; Layouts: unigram record i at uni + 16 i: (suffix, word, prob f32, backoff f32); an order's probe slot
;; s at ptr + 16 s: (suffix key + 1, first word, prob f32, backoff f32), key 0 = empty; tabs holds
;; (ptr, mask) per order 2..N; vocabulary slots are 32 bytes, id -1 = empty (see $vocabFind).
;;
;; Memory-level parallelism. The probes go to random slots of tables of tens of MB (order 5 on Brown:
;; 16 MB of bigram slots, 32 MB each of 3-, 4- and 5-gram slots, 4 MB of vocabulary); each is a cache
;; miss and, on 4 KiB pages, a TLB miss (KenLM's tables sit on transparent huge pages, which Node
;; cannot ask for). WebAssembly has no prefetch instruction, so a read ahead is a plain load whose
;; result is thrown away ($sink), and it overlaps with other misses only while it sits in the CPU's
;; out-of-order window (a few hundred instructions). So the reads ahead run in loops of a few
;; instructions each, over hashes computed beforehand: the vocabulary slots of a line's words ($words),
;; then the first bigram and trigram slots of all its words ($score). Session 7 split them out of the
;; loops that hash (a profile had 66% of $score's time on those loads, ~4 in flight): on Brown's test
;; text ×50 (5.06M tokens), CPU s, medians of 5 interleaved runs at load 6-7: order 5 per-word
;; 2.52 -> 1.57 s and summary 1.59 -> 0.88 s; order 3 1.83 -> 1.22 s and 0.92 -> 0.57 s (with the
;; smaller changes: $pairHash inlined in the hash loop, words up to 16 bytes copied as two 8-byte
;; moves, powers of ten read inline). Tried and slower at order 5: reading every word's 4- and 5-gram
;; slots too (summary 0.63 -> 0.75 s: most of them are never probed; 6.5% of words match a 4-gram,
;; 1.9% a 5-gram), and
;; probing order by order for the whole line (slot of each word's (k+1)-gram from its k-gram), reading
;; ahead only the slots the walk would probe (0.90 s against 0.76 s: a stall per order per line).
;; Not worth trying: gathering several lines' reads into one burst. A variant that read a second,
;; unrelated slot beside each bigram and trigram slot took 0.74 s against 0.63 s, about the bursts'
;; whole share again: the misses in flight are already at the machine's limit, not waiting on latency.
;;
;; Build: `pnpm build:wasm` (scripts/wat-to-ts.mjs) writes score-kernel.wasm.ts.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; (start, end) of a word not found by its bytes → its id, or -1
  (import "env" "lookup" (func $lookupCb (param i32 i32) (result i32)))
  ;; (start, end, id, out) → the end of "surface=id " written at out
  (import "env" "surface" (func $surfaceCb (param i32 i32 i32 i32) (result i32)))
  ;; (x, out) → the end of x printed at out
  (import "env" "fmt" (func $fmtCb (param f32 i32) (result i32)))

  ;; model
  (global $N (mut i32) (i32.const 1))
  (global $bos (mut i32) (i32.const -1))
  (global $eos (mut i32) (i32.const 0))
  (global $sc (mut i32) (i32.const 1))
  (global $uni (mut i32) (i32.const 0))
  (global $tabs (mut i32) (i32.const 0))
  (global $vslots (mut i32) (i32.const 0))
  (global $vmask (mut i32) (i32.const 0))
  (global $vbytes (mut i32) (i32.const 0))
  (global $woff (mut i32) (i32.const 0))
  (global $pow10 (mut i32) (i32.const 0))
  ;; scratch, for lines of up to $cap tokens: ids, starts, ends, exact (i32 each), lengths (i32), probs,
  ;; unigram probs and backoffs (f32), hashes ($cap × (N - 1) i32), two backoff arrays (N f32 each)
  (global $cap (mut i32) (i32.const 0))
  (global $ids (mut i32) (i32.const 0))
  (global $starts (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $exact (mut i32) (i32.const 0))
  (global $lens (mut i32) (i32.const 0))
  (global $probs (mut i32) (i32.const 0))
  (global $uprob (mut i32) (i32.const 0))
  (global $uback (mut i32) (i32.const 0))
  (global $hashes (mut i32) (i32.const 0))
  (global $bA (mut i32) (i32.const 0))
  (global $bB (mut i32) (i32.const 0))
  ;; output area [out, outCap) and the write position
  (global $out (mut i32) (i32.const 0))
  (global $outEnd (mut i32) (i32.const 0))
  (global $outPos (mut i32) (i32.const 0))
  ;; totals, as query.ts keeps them (set before a run, read after)
  (global $total (mut f64) (f64.const 0))
  (global $totalOov (mut f64) (f64.const 0))
  (global $tokens (mut f64) (f64.const 0))
  (global $oovs (mut f64) (f64.const 0))
  (global $lines (mut i32) (i32.const 0))
  ;; why the last run stopped early: 1 scratch too small ($need tokens), 2 output area too small ($need bytes)
  (global $status (mut i32) (i32.const 0))
  (global $need (mut i32) (i32.const 0))
  (global $sink (mut i32) (i32.const 0))
  ;; orders above 1 whose first probe slot $score reads ahead (bigrams and trigrams; reading every
  ;; word's 4- and 5-grams too measured slower at order 5, see the header)
  (global $touch i32 (i32.const 2))
  ;; the line just scored
  (global $lineTotal (mut f32) (f32.const 0))
  (global $lineOovs (mut i32) (i32.const 0))
  (global $probed (mut f64) (f64.const 0))

  (func (export "init") (param $n i32) (param $bosId i32) (param $eosId i32) (param $sentence i32)
        (param $u i32) (param $t i32) (param $vs i32) (param $vm i32) (param $vb i32) (param $wo i32) (param $p10 i32)
    (global.set $N (local.get $n))
    (global.set $bos (if (result i32) (local.get $sentence) (then (local.get $bosId)) (else (i32.const -1))))
    (global.set $eos (local.get $eosId))
    (global.set $sc (local.get $sentence))
    (global.set $uni (local.get $u))
    (global.set $tabs (local.get $t))
    (global.set $vslots (local.get $vs))
    (global.set $vmask (local.get $vm))
    (global.set $vbytes (local.get $vb))
    (global.set $woff (local.get $wo))
    (global.set $pow10 (local.get $p10)))

  ;; scratch at p for cap tokens (bytes needed: scratchBytes)
  (func (export "setScratch") (param $p i32) (param $c i32)
    (local $a i32)
    (global.set $cap (local.get $c))
    (local.set $a (i32.shl (local.get $c) (i32.const 2)))
    (global.set $ids (local.get $p))
    (global.set $starts (i32.add (global.get $ids) (local.get $a)))
    (global.set $ends (i32.add (global.get $starts) (local.get $a)))
    (global.set $exact (i32.add (global.get $ends) (local.get $a)))
    (global.set $lens (i32.add (global.get $exact) (local.get $a)))
    (global.set $probs (i32.add (global.get $lens) (local.get $a)))
    (global.set $uprob (i32.add (global.get $probs) (local.get $a)))
    (global.set $uback (i32.add (global.get $uprob) (local.get $a)))
    (global.set $hashes (i32.add (global.get $uback) (local.get $a)))
    (global.set $bA (i32.add (global.get $hashes) (i32.mul (local.get $a) (global.get $N))))
    (global.set $bB (i32.add (global.get $bA) (i32.shl (global.get $N) (i32.const 2)))))

  (func (export "setOut") (param $p i32) (param $size i32)
    (global.set $out (local.get $p))
    (global.set $outEnd (i32.add (local.get $p) (local.get $size)))
    (global.set $outPos (local.get $p)))

  (func (export "setTotals") (param $t f64) (param $to f64) (param $tk f64) (param $o f64)
    (global.set $total (local.get $t))
    (global.set $totalOov (local.get $to))
    (global.set $tokens (local.get $tk))
    (global.set $oovs (local.get $o)))
  (func (export "total") (result f64) (global.get $total))
  (func (export "totalOov") (result f64) (global.get $totalOov))
  (func (export "tokens") (result f64) (global.get $tokens))
  (func (export "oovs") (result f64) (global.get $oovs))
  (func (export "lines") (result i32) (global.get $lines))
  (func (export "status") (result i32) (global.get $status))
  (func (export "need") (result i32) (global.get $need))
  (func (export "outPos") (result i32) (global.get $outPos))
  (func (export "resetOut") (global.set $outPos (global.get $out)))

  (func $pairHash (param $a i32) (param $b i32) (result i32)
    (local $h i32)
    (local.set $h (i32.xor (i32.mul (local.get $a) (i32.const 0x9e3779b1))
                           (i32.mul (i32.add (local.get $b) (i32.const 0x7f4a7c15)) (i32.const 0x85ebca77))))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x2c1b3c6d)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 12))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x297a2d39)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))

  ;; The vocabulary slot (its address) of the word b[s..e) with FNV-1a hash h, or 0. A slot is 32 bytes:
  ;; id (-1 = empty), byte length, the unigram's prob and backoff (one cache line gives the word and its
  ;; unigram), and the word's first 16 bytes (zero-padded); longer words' bytes are at vbytes + woff[id].
  ;; Inputs are read 16 bytes at a time: the input area has 16 bytes of slack.
  (func $vocabFind (param $s i32) (param $e i32) (param $h i32) (result i32)
    (local $slot i32) (local $at i32) (local $len i32) (local $id i32) (local $lo i64) (local $hi i64) (local $k i32) (local $w i32)
    (local.set $len (i32.sub (local.get $e) (local.get $s)))
    (local.set $lo (i64.load (local.get $s)))
    (local.set $hi (i64.load offset=8 (local.get $s)))
    (if (i32.lt_u (local.get $len) (i32.const 16))
      (then
        (if (i32.lt_u (local.get $len) (i32.const 8))
          (then
            (local.set $lo (i64.and (local.get $lo) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $len) (i32.const 3)))) (i64.const 1))))
            (local.set $hi (i64.const 0)))
          (else
            (local.set $hi (i64.and (local.get $hi)
              (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (i32.sub (local.get $len) (i32.const 8)) (i32.const 3)))) (i64.const 1))))))))
    (local.set $slot (i32.and (local.get $h) (global.get $vmask)))
    (loop $probe
      (local.set $at (i32.add (global.get $vslots) (i32.shl (local.get $slot) (i32.const 5))))
      (local.set $id (i32.load (local.get $at)))
      (if (i32.eq (local.get $id) (i32.const -1)) (then (return (i32.const 0))))
      (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $len))
                   (i32.and (i64.eq (i64.load offset=16 (local.get $at)) (local.get $lo))
                            (i64.eq (i64.load offset=24 (local.get $at)) (local.get $hi))))
        (then
          (if (i32.le_u (local.get $len) (i32.const 16)) (then (return (local.get $at))))
          (local.set $w (i32.add (global.get $vbytes) (i32.load (i32.add (global.get $woff) (i32.shl (local.get $id) (i32.const 2))))))
          (local.set $k (i32.const 16))
          (block $differ
            (loop $cmp
              (if (i32.lt_u (local.get $k) (local.get $len))
                (then
                  (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $w) (local.get $k)))
                                         (i32.load8_u (i32.add (local.get $s) (local.get $k)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br $cmp))))
            (return (local.get $at)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (global.get $vmask)))
      (br $probe))
    (i32.const 0))

  ;; 1 when the bytes [s, e) are all ASCII
  (func $ascii (param $s i32) (param $e i32) (result i32)
    (block $no (loop $l
      (if (i32.lt_u (local.get $s) (local.get $e))
        (then
          (br_if $no (i32.ge_u (i32.load8_u (local.get $s)) (i32.const 128)))
          (local.set $s (i32.add (local.get $s) (i32.const 1)))
          (br $l))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; token o / 4's unigram values (uprob, uback) from the unigram records, for word `id`
  (func $uniOf (param $o i32) (param $id i32)
    (local $t i32)
    (local.set $t (i32.add (global.get $uni) (i32.shl (local.get $id) (i32.const 4))))
    (f32.store (i32.add (global.get $uprob) (local.get $o)) (f32.load offset=8 (local.get $t)))
    (f32.store (i32.add (global.get $uback) (local.get $o)) (f32.load offset=12 (local.get $t))))

  ;; Splits b[s..e) into words and looks them up (ids, starts, ends, exact); returns the word count.
  ;; Three passes: the first finds the words and their hashes (kept in ids); the second reads each
  ;; one's first vocabulary slot in a loop of a few instructions (independent loads: their cache
  ;; misses overlap, see the header); the third looks them up.
  (func $words (param $s i32) (param $e i32) (result i32)
    (local $i i32) (local $c i32) (local $ws i32) (local $h i32) (local $n i32) (local $id i32) (local $o i32)
    (local $x i32) (local $w i32) (local $at i32)
    (local.set $ws (i32.const -1))
    (local.set $i (local.get $s))
    (block $done
      (loop $scan
        (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $e))
                        (then (i32.load8_u (local.get $i))) (else (i32.const 32))))
        ;; KenLM's delimiters: space, \t, \n, \v, \f, \r
        (if (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.lt_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 5)))
          (then
            (if (i32.ge_s (local.get $ws) (i32.const 0))
              (then
                (local.set $o (i32.shl (local.get $n) (i32.const 2)))
                (i32.store (i32.add (global.get $ids) (local.get $o)) (local.get $h))
                (i32.store (i32.add (global.get $starts) (local.get $o)) (local.get $ws))
                (i32.store (i32.add (global.get $ends) (local.get $o)) (local.get $i))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (local.set $ws (i32.const -1)))))
          (else
            (if (i32.lt_s (local.get $ws) (i32.const 0))
              (then
                (local.set $ws (local.get $i))
                (local.set $h (i32.mul (i32.xor (i32.const 0x811c9dc5) (local.get $c)) (i32.const 0x01000193))))
              (else (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $c)) (i32.const 0x01000193)))))))
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $w) (local.get $n)))
      (local.set $x (i32.xor (local.get $x)
        (i32.load (i32.add (global.get $vslots)
          (i32.shl (i32.and (i32.load (i32.add (global.get $ids) (i32.shl (local.get $w) (i32.const 2)))) (global.get $vmask)) (i32.const 5))))))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br $l)))
    (global.set $sink (i32.xor (global.get $sink) (local.get $x)))
    (local.set $w (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $w) (local.get $n)))
      (local.set $o (i32.shl (local.get $w) (i32.const 2)))
      (local.set $s (i32.load (i32.add (global.get $starts) (local.get $o))))
      (local.set $e (i32.load (i32.add (global.get $ends) (local.get $o))))
      (local.set $at (call $vocabFind (local.get $s) (local.get $e) (i32.load (i32.add (global.get $ids) (local.get $o)))))
      (i32.store (i32.add (global.get $exact) (local.get $o)) (i32.ne (local.get $at) (i32.const 0)))
      (if (local.get $at)
        (then
          (local.set $id (i32.load (local.get $at)))
          (f32.store (i32.add (global.get $uprob) (local.get $o)) (f32.load offset=8 (local.get $at)))
          (f32.store (i32.add (global.get $uback) (local.get $o)) (f32.load offset=12 (local.get $at))))
        (else
          ;; Not found by its bytes. ASCII bytes are their own text: an OOV, printed as they are.
          ;; Other bytes go to JavaScript, which decodes them (invalid UTF-8 becomes U+FFFD, which a
          ;; vocabulary word may hold) and looks the text up, as query.ts does.
          (if (call $ascii (local.get $s) (local.get $e))
            (then
              (local.set $id (i32.const 0))
              (i32.store (i32.add (global.get $exact) (local.get $o)) (i32.const 1)))
            (else
              (local.set $id (call $lookupCb (local.get $s) (local.get $e)))
              (if (i32.lt_s (local.get $id) (i32.const 0)) (then (local.set $id (i32.const 0))))))
          (call $uniOf (local.get $o) (local.get $id))))
      (i32.store (i32.add (global.get $ids) (local.get $o)) (local.get $id))
      (local.set $w (i32.add (local.get $w) (i32.const 1)))
      (br $l)))
    (local.get $n))

  ;; Scores the `words` tokens in ids (then </s> with sentence context) into lens/probs and the totals;
  ;; returns the token count. query.ts's scoreIds, step for step.
  (func $score (param $words i32) (result i32)
    (local $n i32) (local $mc i32) (local $i i32) (local $k i32) (local $j i32) (local $h i32) (local $left i32)
    (local $x i32) (local $t i32) (local $word i32) (local $prob f32) (local $matched i32) (local $node i32)
    (local $ctx i32) (local $cb i32) (local $nb i32) (local $ptr i32) (local $mask i32) (local $slot i32)
    (local $sl i32) (local $key i32) (local $total f32) (local $oovs i32) (local $b i32) (local $hrow i32)
    (local $nu i32) (local $bo f32)
    (local.set $n (i32.add (local.get $words) (global.get $sc)))
    (if (global.get $sc)
      (then
        (i32.store (i32.add (global.get $ids) (i32.shl (local.get $words) (i32.const 2))) (global.get $eos))
        (call $uniOf (i32.shl (local.get $words) (i32.const 2)) (global.get $eos))))
    (local.set $mc (i32.sub (global.get $N) (i32.const 1)))
    ;; Every n-gram's words-hash first; then a read of the first probe slot of each word's bigram and
    ;; trigram, in a loop of a few instructions: independent loads whose cache misses overlap (see the
    ;; header; with the hashing in the same loop the out-of-order window held only ~4 of them).
    (local.set $i (i32.const 0))
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i32.load (i32.add (global.get $ids) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $hrow (i32.add (global.get $hashes) (i32.shl (i32.mul (local.get $i) (local.get $mc)) (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_s (local.get $k) (local.get $mc)))
        (local.set $j (i32.sub (i32.sub (local.get $i) (i32.const 1)) (local.get $k)))
        (local.set $left
          (if (result i32) (i32.ge_s (local.get $j) (i32.const 0))
            (then (i32.load (i32.add (global.get $ids) (i32.shl (local.get $j) (i32.const 2)))))
            (else (if (result i32) (i32.eq (local.get $j) (i32.const -1)) (then (global.get $bos)) (else (i32.const -1))))))
        (br_if $d2 (i32.lt_s (local.get $left) (i32.const 0)))
        ;; $pairHash, inlined (a call per order per word showed in profiles)
        (local.set $h (i32.xor (i32.mul (local.get $h) (i32.const 0x9e3779b1))
                               (i32.mul (i32.add (local.get $left) (i32.const 0x7f4a7c15)) (i32.const 0x85ebca77))))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (i32.const 0x2c1b3c6d)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 12))) (i32.const 0x297a2d39)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
        (i32.store (i32.add (local.get $hrow) (i32.shl (local.get $k) (i32.const 2))) (local.get $h))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l2)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l1)))
    (local.set $k (i32.const 0))
    (block $d6 (loop $l6
      (br_if $d6 (i32.ge_s (local.get $k) (select (global.get $touch) (local.get $mc) (i32.lt_s (global.get $touch) (local.get $mc)))))
      (local.set $t (i32.add (global.get $tabs) (i32.shl (local.get $k) (i32.const 3))))
      (local.set $ptr (i32.load (local.get $t)))
      (local.set $mask (i32.load offset=4 (local.get $t)))
      (local.set $i (i32.sub (i32.add (local.get $k) (i32.const 1)) (global.get $sc)))
      (local.set $hrow (i32.add (global.get $hashes) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $mc)) (local.get $k)) (i32.const 2))))
      (block $d7 (loop $l7
        (br_if $d7 (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $x (i32.xor (local.get $x)
          (i32.load (i32.add (local.get $ptr) (i32.shl (i32.and (i32.load (local.get $hrow)) (local.get $mask)) (i32.const 4))))))
        (local.set $hrow (i32.add (local.get $hrow) (i32.shl (local.get $mc) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l7)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l6)))
    (global.set $sink (i32.xor (global.get $sink) (local.get $x)))
    ;; The walk (ArpaModel.fullScore), the state's backoffs in cb/nb.
    (local.set $cb (global.get $bA))
    (local.set $nb (global.get $bB))
    (if (i32.and (global.get $sc) (i32.gt_s (local.get $mc) (i32.const 0)))
      (then
        (f32.store (local.get $cb) (f32.load offset=12 (i32.add (global.get $uni) (i32.shl (global.get $bos) (i32.const 4)))))
        (local.set $ctx (i32.const 1))))
    (local.set $i (i32.const 0))
    (block $d3 (loop $l3
      (br_if $d3 (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $word (i32.load (i32.add (global.get $ids) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $prob (f32.load (i32.add (global.get $uprob) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $matched (i32.const 1))
      (local.set $node (local.get $word))
      ;; nu: the next state's length, KenLM's `next_use`: the longest n-gram matched here that some longer
      ;; n-gram extends (its backoff is not -0, the "no extension" mark; extensions are closed under
      ;; suffixes, so these orders are 1..nu). The next word then skips the probes that could only miss;
      ;; the backoffs it no longer adds are -0, which change nothing (x + -0 = x, -0 included).
      (local.set $nu (i32.const 0))
      (if (i32.gt_s (local.get $mc) (i32.const 0))
        (then
          (local.set $bo (f32.load (i32.add (global.get $uback) (i32.shl (local.get $i) (i32.const 2)))))
          (f32.store (local.get $nb) (local.get $bo))
          (if (i32.ne (i32.reinterpret_f32 (local.get $bo)) (i32.const 0x80000000)) (then (local.set $nu (i32.const 1))))))
      (local.set $hrow (i32.add (global.get $hashes) (i32.shl (i32.mul (local.get $i) (local.get $mc)) (i32.const 2))))
      (local.set $k (i32.const 0))
      (block $d4 (loop $l4
        (br_if $d4 (i32.ge_s (local.get $k) (local.get $ctx)))
        (local.set $t (i32.add (global.get $tabs) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $ptr (i32.load (local.get $t)))
        (local.set $mask (i32.load offset=4 (local.get $t)))
        (local.set $j (i32.sub (i32.sub (local.get $i) (i32.const 1)) (local.get $k)))
        (local.set $left
          (if (result i32) (i32.ge_s (local.get $j) (i32.const 0))
            (then (i32.load (i32.add (global.get $ids) (i32.shl (local.get $j) (i32.const 2)))))
            (else (global.get $bos))))
        (local.set $key (i32.add (local.get $node) (i32.const 1)))
        (local.set $slot (i32.and (i32.load (i32.add (local.get $hrow) (i32.shl (local.get $k) (i32.const 2)))) (local.get $mask)))
        (block $found (loop $probe
          (local.set $t (i32.add (local.get $ptr) (i32.shl (local.get $slot) (i32.const 4))))
          (local.set $sl (i32.load (local.get $t)))
          (br_if $d4 (i32.eqz (local.get $sl)))
          (br_if $found (i32.and (i32.eq (local.get $sl) (local.get $key))
                                 (i32.eq (i32.load offset=4 (local.get $t)) (local.get $left))))
          (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
          (br $probe)))
        (local.set $node (local.get $slot))
        (local.set $matched (i32.add (local.get $k) (i32.const 2)))
        (local.set $prob (f32.load offset=8 (local.get $t)))
        (if (i32.le_s (local.get $matched) (local.get $mc))
          (then
            (local.set $bo (f32.load offset=12 (local.get $t)))
            (f32.store (i32.add (local.get $nb) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2))) (local.get $bo))
            (if (i32.ne (i32.reinterpret_f32 (local.get $bo)) (i32.const 0x80000000)) (then (local.set $nu (local.get $matched))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l4)))
      ;; a log10 probability of 0 comes back as -0 (KenLM's sign-bit flag), then the backoffs of the
      ;; contexts longer than the match, one at a time in float32
      (if (f32.eq (local.get $prob) (f32.const 0)) (then (local.set $prob (f32.const -0))))
      (local.set $b (i32.sub (local.get $matched) (i32.const 1)))
      (block $d5 (loop $l5
        (br_if $d5 (i32.ge_s (local.get $b) (local.get $ctx)))
        (local.set $prob (f32.add (local.get $prob) (f32.load (i32.add (local.get $cb) (i32.shl (local.get $b) (i32.const 2))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $l5)))
      (if (i32.and (i32.eqz (local.get $word)) (i32.lt_u (local.get $i) (local.get $words)))
        (then
          (local.set $oovs (i32.add (local.get $oovs) (i32.const 1)))
          (global.set $totalOov (f64.add (global.get $totalOov) (f64.promote_f32 (local.get $prob))))))
      (local.set $total (f32.add (local.get $total) (local.get $prob)))
      (i32.store (i32.add (global.get $lens) (i32.shl (local.get $i) (i32.const 2))) (local.get $matched))
      (f32.store (i32.add (global.get $probs) (i32.shl (local.get $i) (i32.const 2))) (local.get $prob))
      (local.set $ctx (local.get $nu))
      (local.set $t (local.get $cb))
      (local.set $cb (local.get $nb))
      (local.set $nb (local.get $t))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l3)))
    (global.set $tokens (f64.add (global.get $tokens) (f64.convert_i32_u (local.get $n))))
    (global.set $oovs (f64.add (global.get $oovs) (f64.convert_i32_u (local.get $oovs))))
    (global.set $total (f64.add (global.get $total) (f64.promote_f32 (local.get $total))))
    (global.set $lineTotal (local.get $total))
    (global.set $lineOovs (local.get $oovs))
    (local.get $n))

  ;; Writes the decimal digits of v (unsigned) at p; returns the end. (Here and below, v / 10 is
  ;; (v × 0xCCCCCCCD) >> 35 in 64 bits, exact for every u32: a division took ~15 cycles a digit.)
  (func $writeUint (param $v i32) (param $p i32) (result i32)
    (local $digits i32) (local $q i32) (local $end i32) (local $at i32)
    (local.set $digits (i32.const 1))
    (local.set $q (local.get $v))
    (block $d (loop $l
      (br_if $d (i32.lt_u (local.get $q) (i32.const 10)))
      (local.set $q (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $q)) (i64.const 0xCCCCCCCD)) (i64.const 35))))
      (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
      (br $l)))
    (local.set $end (i32.add (local.get $p) (local.get $digits)))
    (local.set $at (local.get $end))
    (loop $w
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (local.set $q (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $v)) (i64.const 0xCCCCCCCD)) (i64.const 35))))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.sub (local.get $v) (i32.mul (local.get $q) (i32.const 10)))))
      (local.set $v (local.get $q))
      (br_if $w (i32.gt_u (local.get $at) (local.get $p))))
    (local.get $end))

  ;; float-format.ts's probeDigits: a rounded to p significant digits ($probed); 1 when it reads back
  ;; to the float32 af, 0 when not, -1 when a × 10^k is within 1e-6 of a half.
  (func $probeDigits (param $a f64) (param $af f32) (param $p i32) (param $e10 i32) (result i32)
    (local $k i32) (local $scaled f64) (local $fl f64) (local $frac f64) (local $d f64)
    (local.set $k (i32.sub (i32.sub (local.get $p) (i32.const 1)) (local.get $e10)))
    (local.set $scaled
      (if (result f64) (i32.ge_s (local.get $k) (i32.const 0))
        (then (f64.mul (local.get $a) (f64.load (i32.add (global.get $pow10) (i32.shl (local.get $k) (i32.const 3))))))
        (else (f64.div (local.get $a) (f64.load (i32.add (global.get $pow10) (i32.shl (i32.sub (i32.const 0) (local.get $k)) (i32.const 3))))))))
    (local.set $fl (f64.floor (local.get $scaled)))
    (local.set $frac (f64.sub (local.get $scaled) (local.get $fl)))
    (if (f64.lt (f64.abs (f64.sub (local.get $frac) (f64.const 0.5))) (f64.const 1e-6)) (then (return (i32.const -1))))
    (local.set $d (if (result f64) (f64.gt (local.get $frac) (f64.const 0.5))
                    (then (f64.add (local.get $fl) (f64.const 1))) (else (local.get $fl))))
    (global.set $probed (local.get $d))
    (f32.eq
      (f32.demote_f64
        (if (result f64) (i32.ge_s (local.get $k) (i32.const 0))
          (then (f64.div (local.get $d) (f64.load (i32.add (global.get $pow10) (i32.shl (local.get $k) (i32.const 3))))))
          (else (f64.mul (local.get $d) (f64.load (i32.add (global.get $pow10) (i32.shl (i32.sub (i32.const 0) (local.get $k)) (i32.const 3))))))))
      (local.get $af)))

  ;; float-format.ts's writeFloat32: x's shortest float32 digits at p; returns the end. Cases its fast
  ;; path declines go to env.fmt (the same JavaScript that prints them there).
  (func $writeF32 (param $x f32) (param $p i32) (result i32)
    (local $af f32) (local $a f64) (local $e2 i32) (local $e10 i32) (local $pp i32) (local $r i32)
    (local $best f64) (local $b i32) (local $count i32) (local $point i32) (local $q i32)
    (local $withPoint i32) (local $end i32) (local $at i32) (local $i i32) (local $z i32)
    (local.set $af (f32.abs (local.get $x)))
    (local.set $e2 (i32.sub (i32.shr_u (i32.reinterpret_f32 (local.get $af)) (i32.const 23)) (i32.const 127)))
    ;; zeros, subnormals, non-finite values and magnitudes beyond 2^±44: the slow path
    (block $slow
      (br_if $slow (i32.gt_u (i32.add (local.get $e2) (i32.const 44)) (i32.const 88)))
      (local.set $a (f64.promote_f32 (local.get $af)))
      ;; floor(e2 log10 2) as (e2 × 78913) >> 18: the same integer for every |e2| <= 200 (checked), no
      ;; float conversions
      (local.set $e10 (i32.shr_s (i32.mul (local.get $e2) (i32.const 78913)) (i32.const 18)))
      (if (if (result i32) (i32.ge_s (local.get $e10) (i32.const 0))
            (then (f64.ge (local.get $a) (f64.load (i32.add (global.get $pow10) (i32.shl (i32.add (local.get $e10) (i32.const 1)) (i32.const 3))))))
            (else (f64.ge (f64.mul (local.get $a) (f64.load (i32.add (global.get $pow10) (i32.shl (i32.sub (i32.const -1) (local.get $e10)) (i32.const 3))))) (f64.const 1))))
        (then (local.set $e10 (i32.add (local.get $e10) (i32.const 1)))))
      (br_if $slow (i32.gt_u (i32.add (local.get $e10) (i32.const 13)) (i32.const 26)))
      (local.set $pp (i32.const 7))
      (local.set $r (call $probeDigits (local.get $a) (local.get $af) (local.get $pp) (local.get $e10)))
      (br_if $slow (i32.lt_s (local.get $r) (i32.const 0)))
      (local.set $best (global.get $probed))
      (if (i32.eq (local.get $r) (i32.const 1))
        (then
          (block $d (loop $l
            (br_if $d (i32.le_s (local.get $pp) (i32.const 1)))
            (local.set $r (call $probeDigits (local.get $a) (local.get $af) (i32.sub (local.get $pp) (i32.const 1)) (local.get $e10)))
            (br_if $slow (i32.lt_s (local.get $r) (i32.const 0)))
            (br_if $d (i32.eqz (local.get $r)))
            (local.set $pp (i32.sub (local.get $pp) (i32.const 1)))
            (local.set $best (global.get $probed))
            (br $l))))
        (else
          (local.set $pp (i32.const 8))
          (block $d (loop $l
            (br_if $d (i32.gt_s (local.get $pp) (i32.const 9)))
            (local.set $r (call $probeDigits (local.get $a) (local.get $af) (local.get $pp) (local.get $e10)))
            (br_if $slow (i32.lt_s (local.get $r) (i32.const 0)))
            (local.set $best (global.get $probed))
            (br_if $d (i32.eq (local.get $r) (i32.const 1)))
            (local.set $pp (i32.add (local.get $pp) (i32.const 1)))
            (br $l)))
          (if (i32.gt_s (local.get $pp) (i32.const 9)) (then (local.set $pp (i32.const 9))))))
      (local.set $b (i32.trunc_sat_f64_u (local.get $best)))
      (local.set $count (select (i32.add (local.get $pp) (i32.const 1)) (local.get $pp)
                                (f64.ge (local.get $best) (f64.load (i32.add (global.get $pow10) (i32.shl (local.get $pp) (i32.const 3)))))))
      (local.set $point (i32.sub (local.get $count) (i32.sub (i32.sub (local.get $pp) (i32.const 1)) (local.get $e10))))
      (block $d (loop $l
        (br_if $d (i32.le_s (local.get $count) (i32.const 1)))
        (local.set $q (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $b)) (i64.const 0xCCCCCCCD)) (i64.const 35))))
        (br_if $d (i32.ne (i32.mul (local.get $q) (i32.const 10)) (local.get $b)))
        (local.set $b (local.get $q))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $l)))
      ;; exponent notation (outside -5..21): the slow path
      (br_if $slow (i32.gt_u (i32.add (local.get $point) (i32.const 5)) (i32.const 26)))
      (if (f32.lt (local.get $x) (f32.const 0))
        (then (i32.store8 (local.get $p) (i32.const 45)) (local.set $p (i32.add (local.get $p) (i32.const 1)))))
      (if (i32.le_s (local.get $point) (i32.const 0))
        (then
          (i32.store16 (local.get $p) (i32.const 0x2e30)) ;; "0."
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (local.set $z (local.get $point))
          (block $d (loop $l
            (br_if $d (i32.ge_s (local.get $z) (i32.const 0)))
            (i32.store8 (local.get $p) (i32.const 48))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (local.set $z (i32.add (local.get $z) (i32.const 1)))
            (br $l)))))
      (local.set $withPoint (i32.and (i32.gt_s (local.get $point) (i32.const 0)) (i32.lt_s (local.get $point) (local.get $count))))
      (local.set $end (i32.add (i32.add (local.get $p) (local.get $count)) (local.get $withPoint)))
      (local.set $at (i32.sub (local.get $end) (i32.const 1)))
      (local.set $i (i32.sub (local.get $count) (i32.const 1)))
      (block $d (loop $l
        (br_if $d (i32.lt_s (local.get $i) (i32.const 0)))
        (if (i32.and (local.get $withPoint) (i32.eq (local.get $i) (i32.sub (local.get $point) (i32.const 1))))
          (then (i32.store8 (local.get $at) (i32.const 46)) (local.set $at (i32.sub (local.get $at) (i32.const 1)))))
        (local.set $q (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $b)) (i64.const 0xCCCCCCCD)) (i64.const 35))))
        (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.sub (local.get $b) (i32.mul (local.get $q) (i32.const 10)))))
        (local.set $at (i32.sub (local.get $at) (i32.const 1)))
        (local.set $b (local.get $q))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $l)))
      (local.set $z (local.get $count))
      (block $d (loop $l
        (br_if $d (i32.ge_s (local.get $z) (local.get $point)))
        (i32.store8 (local.get $end) (i32.const 48))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))
        (local.set $z (i32.add (local.get $z) (i32.const 1)))
        (br $l)))
      (return (local.get $end)))
    (call $fmtCb (local.get $x) (local.get $p)))

  ;; query.ts's emit: the output line of the n tokens just scored (words of them from the line) at $outPos.
  (func $emit (param $n i32) (param $words i32)
    (local $p i32) (local $i i32) (local $o i32) (local $k i32) (local $e i32) (local $len i32)
    (local.set $p (global.get $outPos))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $o (i32.shl (local.get $i) (i32.const 2)))
      (if (i32.ge_u (local.get $i) (local.get $words))
        (then
          ;; </s>
          (i32.store (local.get $p) (i32.const 0x3e732f3c))
          (i32.store8 offset=4 (local.get $p) (i32.const 61))
          (local.set $p (call $writeUint (global.get $eos) (i32.add (local.get $p) (i32.const 5))))
          (i32.store8 (local.get $p) (i32.const 32))
          (local.set $p (i32.add (local.get $p) (i32.const 1))))
        (else
          (if (i32.load (i32.add (global.get $exact) (local.get $o)))
            (then
              ;; "word=id ": the word's own bytes, then the id's digits
              (local.set $k (i32.load (i32.add (global.get $starts) (local.get $o))))
              (local.set $e (i32.load (i32.add (global.get $ends) (local.get $o))))
              ;; up to 16 bytes as two 8-byte moves (both areas have the slack), longer ones by memory.copy
              (if (i32.le_u (i32.sub (local.get $e) (local.get $k)) (i32.const 16))
                (then
                  (i64.store (local.get $p) (i64.load (local.get $k)))
                  (i64.store offset=8 (local.get $p) (i64.load offset=8 (local.get $k))))
                (else (memory.copy (local.get $p) (local.get $k) (i32.sub (local.get $e) (local.get $k)))))
              (local.set $p (i32.add (local.get $p) (i32.sub (local.get $e) (local.get $k))))
              (i32.store8 (local.get $p) (i32.const 61))
              (local.set $p (call $writeUint (i32.load (i32.add (global.get $ids) (local.get $o))) (i32.add (local.get $p) (i32.const 1))))
              (i32.store8 (local.get $p) (i32.const 32))
              (local.set $p (i32.add (local.get $p) (i32.const 1))))
            (else
              (local.set $p (call $surfaceCb (i32.load (i32.add (global.get $starts) (local.get $o)))
                                             (i32.load (i32.add (global.get $ends) (local.get $o)))
                                             (i32.load (i32.add (global.get $ids) (local.get $o)))
                                             (local.get $p)))))))
      ;; "length log10p\t"
      (local.set $len (i32.load (i32.add (global.get $lens) (local.get $o))))
      (local.set $p (call $writeUint (local.get $len) (local.get $p)))
      (i32.store8 (local.get $p) (i32.const 32))
      (local.set $p (call $writeF32 (f32.load (i32.add (global.get $probs) (local.get $o))) (i32.add (local.get $p) (i32.const 1))))
      (i32.store8 (local.get $p) (i32.const 9))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    ;; "Total: t OOV: n\n"
    (i64.store (local.get $p) (i64.const 0x203a6c61746f54)) ;; "Total: " (+ a byte overwritten next)
    (local.set $p (call $writeF32 (global.get $lineTotal) (i32.add (local.get $p) (i32.const 7))))
    (i64.store (local.get $p) (i64.const 0x203a564f4f20)) ;; " OOV: "
    (local.set $p (call $writeUint (global.get $lineOovs) (i32.add (local.get $p) (i32.const 6))))
    (i32.store8 (local.get $p) (i32.const 10))
    (global.set $outPos (i32.add (local.get $p) (i32.const 1))))

  ;; Scores the lines of [pos, end) ("\n"-separated, "\r" before "\n" dropped, a last line without "\n"
  ;; counts), with emit also printing them; returns where it stopped: `end`, or the start of a line that
  ;; needs more scratch or output room ($status, $need). $lines counts the lines done.
  (func (export "run") (param $pos i32) (param $end i32) (param $emit i32) (result i32)
    (local $e i32) (local $le i32) (local $len i32) (local $maxTokens i32) (local $words i32) (local $n i32)
    (global.set $status (i32.const 0))
    (global.set $lines (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $pos) (local.get $end)))
      (local.set $e (local.get $pos))
      (block $f (loop $g
        (br_if $f (i32.ge_u (local.get $e) (local.get $end)))
        (br_if $f (i32.eq (i32.load8_u (local.get $e)) (i32.const 10)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $g)))
      (local.set $le (local.get $e))
      (if (i32.and (i32.gt_u (local.get $e) (local.get $pos)) (i32.eq (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 13)))
        (then (local.set $le (i32.sub (local.get $e) (i32.const 1)))))
      (local.set $len (i32.sub (local.get $le) (local.get $pos)))
      (local.set $maxTokens (i32.add (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 2)))
      (if (i32.gt_u (local.get $maxTokens) (global.get $cap))
        (then (global.set $status (i32.const 1)) (global.set $need (local.get $maxTokens)) (return (local.get $pos))))
      (if (local.get $emit)
        (then
          ;; room: a word's bytes up to 3 times over (a decoded surface), 64 bytes a token, the total line
          (global.set $need (i32.add (i32.add (i32.mul (local.get $len) (i32.const 3)) (i32.shl (local.get $maxTokens) (i32.const 6))) (i32.const 128)))
          (if (i32.gt_u (i32.add (global.get $outPos) (global.get $need)) (global.get $outEnd))
            (then (global.set $status (i32.const 2)) (return (local.get $pos))))))
      (local.set $words (call $words (local.get $pos) (local.get $le)))
      (local.set $n (call $score (local.get $words)))
      (if (local.get $emit) (then (call $emit (local.get $n) (local.get $words))))
      (global.set $lines (i32.add (global.get $lines) (i32.const 1)))
      (local.set $pos (i32.add (local.get $e) (i32.const 1)))
      (br $l)))
    (local.get $end))

  ;; ---- The ARPA reader's n-gram lines (read-arpa.ts's entryBytes + addNgram), on a separate instance.
  ;; Lines "prob<TAB>w1 … wn[<TAB>backoff]" of section n are parsed, checked and inserted into the
  ;; table's probe (NgramTable.insertSlot's slots; slotOf[entry] = slot) until a line this path
  ;; declines: anything else, a word not in the vocabulary, a missing suffix or context, a duplicate,
  ;; a number beyond the fast parse. `readLines` stops there having changed nothing for that line;
  ;; read-arpa.ts then reads (or reports) it as before and resumes here.
  (global $rn (mut i32) (i32.const 0))
  (global $rcount (mut i32) (i32.const 0))
  (global $rseen (mut i32) (i32.const 0))
  (global $rhigh (mut i32) (i32.const 0))
  (global $rsize (mut i32) (i32.const 0))
  (global $rslotOf (mut i32) (i32.const 0))
  (global $rprev (mut i32) (i32.const 0))
  (global $prevSuffix (mut i32) (i32.const -1))
  (global $prevMiddle (mut i32) (i32.const -1))
  (global $prevSuffixHash (mut i32) (i32.const 0))
  (global $prevMiddleHash (mut i32) (i32.const 0))
  (global $parsed (mut f64) (f64.const 0))
  ;; this line's and the previous line's word starts and ends (N i32 each; $pwords 0 after readSection)
  (global $rws (mut i32) (i32.const 0))
  (global $rwe (mut i32) (i32.const 0))
  (global $rpws (mut i32) (i32.const 0))
  (global $rpwe (mut i32) (i32.const 0))
  (global $pwords (mut i32) (i32.const 0))
  ;; the queue of lines read but not yet inserted ($QUEUE entries of 32 bytes at $rq; see $flush)
  (global $rq (mut i32) (i32.const 0))
  ;; $readAhead's scratch (320 N bytes after the queue)
  (global $rah (mut i32) (i32.const 0))
  (global $pending (mut i32) (i32.const 0))
  (global $failPos (mut i32) (i32.const 0))

  ;; section n (count entries, `seen` of them read, the table holding `size`), slotOf at `slotOf`;
  ;; scratch at `ids` (6 N i32: this line's ids, the previous line's, word starts and ends of both;
  ;; then the queue, 16 × 32 bytes, then $readAhead's 320 N bytes)
  (func (export "readSection") (param $n i32) (param $count i32) (param $seen i32) (param $high i32)
        (param $size i32) (param $slotOf i32) (param $ids i32)
    (global.set $rn (local.get $n))
    (global.set $rcount (local.get $count))
    (global.set $rseen (local.get $seen))
    (global.set $rhigh (local.get $high))
    (global.set $rsize (local.get $size))
    (global.set $rslotOf (local.get $slotOf))
    (global.set $ids (local.get $ids))
    (global.set $rprev (i32.add (local.get $ids) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rws (i32.add (global.get $rprev) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rwe (i32.add (global.get $rws) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rpws (i32.add (global.get $rwe) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rpwe (i32.add (global.get $rpws) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rq (i32.add (global.get $rpwe) (i32.shl (global.get $N) (i32.const 2))))
    (global.set $rah (i32.add (global.get $rq) (i32.const 512)))
    (global.set $pending (i32.const 0))
    (global.set $pwords (i32.const 0))
    (global.set $prevSuffix (i32.const -1)))
  (func (export "forgetPrevious") (global.set $prevSuffix (i32.const -1)))
  (func (export "seen") (result i32) (global.get $rseen))
  (func (export "size") (result i32) (global.get $rsize))

  ;; fast-number.ts's parseDecimalBytes: 1 with the value in $parsed, 0 where it returns NaN or would
  ;; fall back to Number() (more than 15 digits, a power of ten beyond 10^±22: the line is declined)
  (func $parse (param $i i32) (param $end i32) (result i32)
    (local $c i32) (local $neg i32) (local $mant f64) (local $digits i32) (local $scale i32) (local $any i32)
    (local $eneg i32) (local $e i32) (local $ed i32) (local $v f64)
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 45))
          (then (local.set $neg (i32.const 1)) (local.set $i (i32.add (local.get $i) (i32.const 1))))
          (else (if (i32.eq (local.get $c) (i32.const 43)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))))))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
      (br_if $d (i32.gt_u (local.get $c) (i32.const 9)))
      (if (i32.or (f64.ne (local.get $mant) (f64.const 0)) (local.get $c)) (then (local.set $digits (i32.add (local.get $digits) (i32.const 1)))))
      (local.set $mant (f64.add (f64.mul (local.get $mant) (f64.const 10)) (f64.convert_i32_u (local.get $c))))
      (local.set $any (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (if (i32.and (i32.lt_u (local.get $i) (local.get $end)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 46)))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $i) (local.get $end)))
          (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
          (br_if $d (i32.gt_u (local.get $c) (i32.const 9)))
          (if (i32.or (f64.ne (local.get $mant) (f64.const 0)) (local.get $c)) (then (local.set $digits (i32.add (local.get $digits) (i32.const 1)))))
          (local.set $mant (f64.add (f64.mul (local.get $mant) (f64.const 10)) (f64.convert_i32_u (local.get $c))))
          (local.set $scale (i32.sub (local.get $scale) (i32.const 1)))
          (local.set $any (i32.const 1))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))))
    (if (i32.eqz (local.get $any)) (then (return (i32.const 0))))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 101)) (i32.eq (local.get $c) (i32.const 69)))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.lt_u (local.get $i) (local.get $end))
              (then
                (local.set $c (i32.load8_u (local.get $i)))
                (if (i32.eq (local.get $c) (i32.const 45))
                  (then (local.set $eneg (i32.const 1)) (local.set $i (i32.add (local.get $i) (i32.const 1))))
                  (else (if (i32.eq (local.get $c) (i32.const 43)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))))))
            (block $d (loop $l
              (br_if $d (i32.ge_u (local.get $i) (local.get $end)))
              (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
              (br_if $d (i32.gt_u (local.get $c) (i32.const 9)))
              (if (i32.lt_s (local.get $e) (i32.const 100000))
                (then (local.set $e (i32.add (i32.mul (local.get $e) (i32.const 10)) (local.get $c)))))
              (local.set $ed (i32.const 1))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l)))
            (if (i32.eqz (local.get $ed)) (then (return (i32.const 0))))
            (local.set $scale (i32.add (local.get $scale)
              (if (result i32) (local.get $eneg) (then (i32.sub (i32.const 0) (local.get $e))) (else (local.get $e)))))))))
    (if (i32.ne (local.get $i) (local.get $end)) (then (return (i32.const 0))))
    (if (i32.or (i32.gt_s (local.get $digits) (i32.const 15)) (i32.gt_u (i32.add (local.get $scale) (i32.const 22)) (i32.const 44)))
      (then (return (i32.const 0))))
    (local.set $v (if (result f64) (i32.lt_s (local.get $scale) (i32.const 0))
      (then (f64.div (local.get $mant) (f64.load (i32.add (global.get $pow10) (i32.shl (i32.sub (i32.const 0) (local.get $scale)) (i32.const 3))))))
      (else (f64.mul (local.get $mant) (f64.load (i32.add (global.get $pow10) (i32.shl (local.get $scale) (i32.const 3))))))))
    (global.set $parsed (if (result f64) (local.get $neg) (then (f64.neg (local.get $v))) (else (local.get $v))))
    (i32.const 1))

  ;; 1 when the a bytes [a, a + la) equal [b, b + lb) (8 at a time; both lie in the input area, whose slack
  ;; covers the reads past their ends)
  (func $sameBytes (param $a i32) (param $b i32) (param $la i32) (param $lb i32) (result i32)
    (if (i32.ne (local.get $la) (local.get $lb)) (then (return (i32.const 0))))
    (block $d (loop $l
      (br_if $d (i32.lt_u (local.get $la) (i32.const 8)))
      (if (i64.ne (i64.load (local.get $a)) (i64.load (local.get $b))) (then (return (i32.const 0))))
      (local.set $a (i32.add (local.get $a) (i32.const 8)))
      (local.set $b (i32.add (local.get $b) (i32.const 8)))
      (local.set $la (i32.sub (local.get $la) (i32.const 8)))
      (br $l)))
    (if (i32.eqz (local.get $la)) (then (return (i32.const 1))))
    (i64.eqz (i64.and (i64.xor (i64.load (local.get $a)) (i64.load (local.get $b)))
                      (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $la) (i32.const 3)))) (i64.const 1)))))

  ;; NgramTable.findSlot on order m (2..N): the probe slot of (hash, key, left), or -1
  (func $findSlot (param $m i32) (param $hash i32) (param $key i32) (param $left i32) (result i32)
    (local $t i32) (local $ptr i32) (local $mask i32) (local $slot i32) (local $at i32) (local $s i32)
    (local.set $t (i32.add (global.get $tabs) (i32.shl (i32.sub (local.get $m) (i32.const 2)) (i32.const 3))))
    (local.set $ptr (i32.load (local.get $t)))
    (local.set $mask (i32.load offset=4 (local.get $t)))
    (local.set $slot (i32.and (local.get $hash) (local.get $mask)))
    (loop $l
      (local.set $at (i32.add (local.get $ptr) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $s (i32.load (local.get $at)))
      (if (i32.eqz (local.get $s)) (then (return (i32.const -1))))
      (if (i32.and (i32.eq (local.get $s) (local.get $key)) (i32.eq (i32.load offset=4 (local.get $at)) (local.get $left)))
        (then (return (local.get $slot))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
      (br $l))
    (i32.const -1))

  ;; One n-gram line [s, e) (no "\n"); 1 when read and added, 0 when declined (nothing changed).
  (func $readLine (param $s i32) (param $e i32) (result i32)
    (local $n i32) (local $tab1 i32) (local $prob f32) (local $backoff f32) (local $k i32) (local $ws i32)
    (local $h i32) (local $i i32) (local $c i32) (local $at i32) (local $j i32) (local $same i32) (local $m i32)
    (local $key i32) (local $sh i32) (local $slot i32) (local $middle i32) (local $mh i32) (local $ctx i32)
    (local $suffix i32) (local $suffixHash i32) (local $middleHash i32) (local $hash i32) (local $ptr i32)
    (local $mask i32) (local $left i32) (local $cptr i32) (local $t i32) (local $o i32) (local $x i32)
    (local.set $n (global.get $rn))
    (if (i32.ge_u (i32.add (global.get $rseen) (global.get $pending)) (global.get $rcount)) (then (return (i32.const 0))))
    (local.set $tab1 (local.get $s))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $tab1) (local.get $e)))
      (br_if $d (i32.eq (i32.load8_u (local.get $tab1)) (i32.const 9)))
      (local.set $tab1 (i32.add (local.get $tab1) (i32.const 1)))
      (br $l)))
    (if (i32.or (i32.eq (local.get $tab1) (local.get $s)) (i32.eq (local.get $tab1) (local.get $e))) (then (return (i32.const 0))))
    (if (i32.eqz (call $parse (local.get $s) (local.get $tab1))) (then (return (i32.const 0))))
    (local.set $prob (f32.demote_f64 (global.get $parsed)))
    (if (i32.eqz (f32.le (local.get $prob) (f32.const 0))) (then (return (i32.const 0))))
    ;; the words
    (local.set $ws (i32.add (local.get $tab1) (i32.const 1)))
    (local.set $i (local.get $ws))
    (local.set $h (i32.const 0x811c9dc5))
    (block $words (loop $l
      (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $e)) (then (i32.load8_u (local.get $i))) (else (i32.const 9))))
      (if (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
        (then
          (if (i32.or (i32.eq (local.get $i) (local.get $ws)) (i32.ge_u (local.get $k) (local.get $n))) (then (return (i32.const 0))))
          ;; A word with the bytes of the previous line's word k has its id (sorted files repeat the
          ;; suffix words line after line): no vocabulary probe, which is a likely cache miss.
          (local.set $o (i32.shl (local.get $k) (i32.const 2)))
          (if (i32.and (i32.lt_u (local.get $k) (global.get $pwords))
                       (call $sameBytes (local.get $ws) (i32.load (i32.add (global.get $rpws) (local.get $o)))
                                        (i32.sub (local.get $i) (local.get $ws))
                                        (i32.sub (i32.load (i32.add (global.get $rpwe) (local.get $o))) (i32.load (i32.add (global.get $rpws) (local.get $o))))))
            (then (i32.store (i32.add (global.get $ids) (local.get $o)) (i32.load (i32.add (global.get $rprev) (local.get $o)))))
            (else
              (local.set $at (call $vocabFind (local.get $ws) (local.get $i) (local.get $h)))
              (if (i32.eqz (local.get $at)) (then (return (i32.const 0))))
              (i32.store (i32.add (global.get $ids) (local.get $o)) (i32.load (local.get $at)))))
          (i32.store (i32.add (global.get $rws) (local.get $o)) (local.get $ws))
          (i32.store (i32.add (global.get $rwe) (local.get $o)) (local.get $i))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (local.set $ws (i32.add (local.get $i) (i32.const 1)))
          (local.set $h (i32.const 0x811c9dc5))
          (br_if $words (i32.eq (local.get $c) (i32.const 9))))
        (else
          (if (i32.eq (local.get $c) (i32.const 13)) (then (return (i32.const 0))))
          (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $c)) (i32.const 0x01000193)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (if (i32.ne (local.get $k) (local.get $n)) (then (return (i32.const 0))))
    ;; the backoff: i is the second tab, or e
    (local.set $backoff (f32.const -0))
    (if (i32.lt_u (local.get $i) (local.get $e))
      (then
        (if (i32.eq (local.get $i) (i32.sub (local.get $e) (i32.const 1))) (then (return (i32.const 0))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $j) (local.get $e)))
          (if (i32.eq (i32.load8_u (local.get $j)) (i32.const 9)) (then (return (i32.const 0))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $l)))
        (if (i32.eqz (call $parse (i32.add (local.get $i) (i32.const 1)) (local.get $e))) (then (return (i32.const 0))))
        (local.set $backoff (f32.demote_f64 (global.get $parsed)))
        ;; finite (f32 - f32 is 0 only then), and 0 on the highest order
        (if (f32.ne (f32.sub (local.get $backoff) (local.get $backoff)) (f32.const 0)) (then (return (i32.const 0))))
        (if (i32.and (global.get $rhigh) (f32.ne (local.get $backoff) (f32.const 0))) (then (return (i32.const 0))))
        (if (f32.eq (local.get $backoff) (f32.const 0)) (then (local.set $backoff (f32.const -0))))))
    ;; addNgram: the suffix w2..wn (reused from the previous line when it is the same), the middle
    ;; w2..w(n-1), the context w1..w(n-1); all looked up by their words-hash
    (local.set $same (i32.ge_s (global.get $prevSuffix) (i32.const 0)))
    (local.set $j (i32.const 1))
    (block $d (loop $l
      (br_if $d (i32.or (i32.ge_u (local.get $j) (local.get $n)) (i32.eqz (local.get $same))))
      (local.set $same (i32.eq (i32.load (i32.add (global.get $rprev) (i32.shl (local.get $j) (i32.const 2))))
                               (i32.load (i32.add (global.get $ids) (i32.shl (local.get $j) (i32.const 2))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    (if (local.get $same)
      (then
        (local.set $suffix (global.get $prevSuffix))
        (local.set $suffixHash (global.get $prevSuffixHash))
        (local.set $middle (global.get $prevMiddle))
        (local.set $middleHash (global.get $prevMiddleHash)))
      (else
;; First a read of the home slot of every n-gram of the two chains (their addresses depend on
        ;; the words alone): the misses overlap, where the lookups below come one after another.
        (local.set $x (i32.const 0))
        (local.set $sh (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2)))))
        (local.set $mh (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 2)))))
        (local.set $m (i32.const 2))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $m) (local.get $n)))
          (local.set $t (i32.add (global.get $tabs) (i32.shl (i32.sub (local.get $m) (i32.const 2)) (i32.const 3))))
          (local.set $sh (call $pairHash (local.get $sh) (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (local.get $m)) (i32.const 2))))))
          (local.set $x (i32.xor (local.get $x)
            (i32.load (i32.add (i32.load (local.get $t)) (i32.shl (i32.and (local.get $sh) (i32.load offset=4 (local.get $t))) (i32.const 4))))))
          (if (i32.le_u (local.get $m) (i32.sub (local.get $n) (i32.const 2)))
            (then
              (local.set $mh (call $pairHash (local.get $mh) (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $m)) (i32.const 2))))))
              (local.set $x (i32.xor (local.get $x)
                (i32.load (i32.add (i32.load (local.get $t)) (i32.shl (i32.and (local.get $mh) (i32.load offset=4 (local.get $t))) (i32.const 4))))))))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $l)))
        (global.set $sink (i32.xor (global.get $sink) (local.get $x)))
        (local.set $left (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2)))))
        (local.set $key (i32.add (local.get $left) (i32.const 1)))
        (local.set $sh (local.get $left))
        (local.set $m (i32.const 2))
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $m) (local.get $n)))
          (local.set $left (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (local.get $m)) (i32.const 2)))))
          (local.set $sh (call $pairHash (local.get $sh) (local.get $left)))
          (local.set $slot (call $findSlot (local.get $m) (local.get $sh) (local.get $key) (local.get $left)))
          (if (i32.lt_s (local.get $slot) (i32.const 0)) (then (return (i32.const 0))))
          (local.set $key (i32.add (local.get $slot) (i32.const 1)))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $l)))
        (local.set $suffix (local.get $key))
        (local.set $suffixHash (local.get $sh))
        (local.set $middle (i32.const -1))
        (local.set $mh (i32.const 0))
        (if (i32.ge_u (local.get $n) (i32.const 3))
          (then
            (local.set $left (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 2)))))
            (local.set $middle (i32.add (local.get $left) (i32.const 1)))
            (local.set $mh (local.get $left))))
        (local.set $m (i32.const 2))
        (block $d (loop $l
          (br_if $d (i32.or (i32.gt_s (local.get $m) (i32.sub (local.get $n) (i32.const 2))) (i32.lt_s (local.get $middle) (i32.const 0))))
          (local.set $left (i32.load (i32.add (global.get $ids) (i32.shl (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $m)) (i32.const 2)))))
          (local.set $mh (call $pairHash (local.get $mh) (local.get $left)))
          (local.set $slot (call $findSlot (local.get $m) (local.get $mh) (local.get $middle) (local.get $left)))
          (local.set $middle (if (result i32) (i32.lt_s (local.get $slot) (i32.const 0)) (then (i32.const -1)) (else (i32.add (local.get $slot) (i32.const 1)))))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $l)))
        (local.set $middleHash (local.get $mh))))
    (local.set $left (i32.load (global.get $ids)))
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 2)) (i32.lt_s (local.get $middle) (i32.const 0))) (then (return (i32.const 0))))
    ;; The context lookup and the insert are queued (see readLines and $flush): a queue entry is
    ;; (home slot, suffix key, first word, prob, backoff, context hash, middle key, line start).
    (local.set $t (i32.add (global.get $rq) (i32.shl (global.get $pending) (i32.const 5))))
    (local.set $o (i32.add (global.get $tabs) (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 3))))
    (i32.store (local.get $t) (i32.and (call $pairHash (local.get $suffixHash) (local.get $left)) (i32.load offset=4 (local.get $o))))
    (i32.store offset=4 (local.get $t) (local.get $suffix))
    (i32.store offset=8 (local.get $t) (local.get $left))
    (f32.store offset=12 (local.get $t) (local.get $prob))
    (f32.store offset=16 (local.get $t) (local.get $backoff))
    (i32.store offset=20 (local.get $t) (call $pairHash (local.get $middleHash) (local.get $left)))
    (i32.store offset=24 (local.get $t) (local.get $middle))
    (i32.store offset=28 (local.get $t) (local.get $s))
    (global.set $prevSuffix (local.get $suffix))
    (global.set $prevSuffixHash (local.get $suffixHash))
    (global.set $prevMiddle (local.get $middle))
    (global.set $prevMiddleHash (local.get $middleHash))
    (memory.copy (global.get $rprev) (global.get $ids) (i32.shl (local.get $n) (i32.const 2)))
    (memory.copy (global.get $rpws) (global.get $rws) (i32.shl (local.get $n) (i32.const 2)))
    (memory.copy (global.get $rpwe) (global.get $rwe) (i32.shl (local.get $n) (i32.const 2)))
    (global.set $pwords (local.get $n))
    (i32.const 1))

  ;; Makes the queued lines' context lookups and inserts (read-arpa.ts's addNgram; NgramTable.insertSlot),
  ;; in order, after one pass that reads every slot they will touch: independent loads whose cache misses
  ;; overlap (one at a time, each line's insert was most of a load's time: random slots of tables of tens
  ;; of MB). 1 when all are in; 0 when one is declined (its context is missing, or it is a duplicate):
  ;; the ones before it are in, it and the rest are not, and $failPos is its line's start.
  (func $flush (result i32)
    (local $i i32) (local $q i32) (local $x i32) (local $t i32) (local $ptr i32) (local $mask i32)
    (local $cptr i32) (local $cdir i32) (local $ctx i32) (local $slot i32) (local $at i32) (local $key i32)
    (local.set $t (i32.add (global.get $tabs) (i32.shl (i32.sub (global.get $rn) (i32.const 2)) (i32.const 3))))
    (local.set $ptr (i32.load (local.get $t)))
    (local.set $mask (i32.load offset=4 (local.get $t)))
    (local.set $cdir (i32.sub (local.get $t) (i32.const 8)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (global.get $pending)))
      (local.set $q (i32.add (global.get $rq) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $x (i32.xor (local.get $x) (i32.load (i32.add (local.get $ptr) (i32.shl (i32.load (local.get $q)) (i32.const 4))))))
      (if (i32.gt_u (global.get $rn) (i32.const 2))
        (then
          (local.set $x (i32.xor (local.get $x)
            (i32.load (i32.add (i32.load (local.get $cdir))
              (i32.shl (i32.and (i32.load offset=20 (local.get $q)) (i32.load offset=4 (local.get $cdir))) (i32.const 4))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (global.set $sink (i32.xor (global.get $sink) (local.get $x)))
    (local.set $i (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $i) (global.get $pending)))
      (local.set $q (i32.add (global.get $rq) (i32.shl (local.get $i) (i32.const 5))))
      (global.set $failPos (i32.load offset=28 (local.get $q)))
      ;; the context's backoff field (its zero becomes +0 below: it is a context)
      (if (i32.eq (global.get $rn) (i32.const 2))
        (then (local.set $cptr (i32.add (i32.add (global.get $uni) (i32.shl (i32.load offset=8 (local.get $q)) (i32.const 4))) (i32.const 12))))
        (else
          (local.set $ctx (call $findSlot (i32.sub (global.get $rn) (i32.const 1)) (i32.load offset=20 (local.get $q))
                                          (i32.load offset=24 (local.get $q)) (i32.load offset=8 (local.get $q))))
          (if (i32.lt_s (local.get $ctx) (i32.const 0)) (then (global.set $pending (i32.const 0)) (return (i32.const 0))))
          (local.set $cptr (i32.add (i32.add (i32.load (local.get $cdir)) (i32.shl (local.get $ctx) (i32.const 4))) (i32.const 12)))))
      ;; insertSlot: a duplicate declines
      (local.set $slot (i32.load (local.get $q)))
      (block $free (loop $p
        (local.set $at (i32.add (local.get $ptr) (i32.shl (local.get $slot) (i32.const 4))))
        (local.set $key (i32.load (local.get $at)))
        (br_if $free (i32.eqz (local.get $key)))
        (if (i32.and (i32.eq (local.get $key) (i32.load offset=4 (local.get $q))) (i32.eq (i32.load offset=4 (local.get $at)) (i32.load offset=8 (local.get $q))))
          (then (global.set $pending (i32.const 0)) (return (i32.const 0))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
        (br $p)))
      (if (f32.eq (f32.load (local.get $cptr)) (f32.const 0)) (then (f32.store (local.get $cptr) (f32.const 0))))
      (i64.store (local.get $at) (i64.load offset=4 (local.get $q)))
      (i64.store offset=8 (local.get $at) (i64.load offset=12 (local.get $q)))
      (i32.store (i32.add (global.get $rslotOf) (i32.shl (global.get $rsize) (i32.const 2))) (local.get $slot))
      (global.set $rsize (i32.add (global.get $rsize) (i32.const 1)))
      (global.set $rseen (i32.add (global.get $rseen) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (global.set $pending (i32.const 0))
    (i32.const 1))

  ;; Reads the n-gram lines of [pos, end) ("\n"-separated; a line ending in "\r" is declined) until one
  ;; is declined; returns its start (end when all were read).
  ;; Reads (and throws away) what the next 16 lines from pos will look up: first each word's vocabulary
  ;; slot, then, their ids known, the slots of their suffix and middle chains ($readLine). Each kind in
  ;; a loop of a few instructions over addresses computed beforehand, so the misses overlap (see the
  ;; header); one line at a time, $readLine's lookups had them one or two at a time (a profile had
  ;; two thirds of $readLine's time on its chain reads and 19% of the load in $vocabFind). Changes
  ;; nothing but the cache: a line it cannot make out is skipped. Loading lmplz's Brown models (CPU s,
  ;; medians of 4-5 interleaved runs, load 5): order 5 2.31 -> 2.15 s, order 3 0.74 -> 0.71 s; the
  ;; misses moved into these loops and are then at the machine's limit, as in $score.
  ;; Scratch at $rah: word hashes (then ids), starts and ends (16 N i32 each), then the chain
  ;; addresses (32 N i32).
  (func $readAhead (param $pos i32) (param $end i32)
    (local $n i32) (local $lines i32) (local $w i32) (local $e i32) (local $i i32) (local $c i32)
    (local $ws i32) (local $h i32) (local $k i32) (local $x i32) (local $a i32) (local $j i32)
    (local $at i32) (local $sh i32) (local $mh i32) (local $m i32) (local $base i32) (local $t i32)
    (local $hs i32) (local $st i32) (local $en i32) (local $ad i32)
    (local.set $n (global.get $rn))
    (local.set $hs (global.get $rah))
    (local.set $st (i32.add (local.get $hs) (i32.shl (global.get $N) (i32.const 6))))
    (local.set $en (i32.add (local.get $st) (i32.shl (global.get $N) (i32.const 6))))
    (local.set $ad (i32.add (local.get $en) (i32.shl (global.get $N) (i32.const 6))))
    ;; the words of up to 16 lines (a line without n words is left out)
    (block $d (loop $l
      (br_if $d (i32.or (i32.ge_u (local.get $lines) (i32.const 16)) (i32.ge_u (local.get $pos) (local.get $end))))
      (local.set $e (local.get $pos))
      (block $f (loop $g
        (br_if $f (i32.ge_u (local.get $e) (local.get $end)))
        (br_if $f (i32.eq (i32.load8_u (local.get $e)) (i32.const 10)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $g)))
      (local.set $i (local.get $pos))
      (block $f (loop $g
        (br_if $f (i32.ge_u (local.get $i) (local.get $e)))
        (br_if $f (i32.eq (i32.load8_u (local.get $i)) (i32.const 9)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $g)))
      (if (i32.lt_u (local.get $i) (local.get $e))
        (then
          (local.set $k (i32.const 0))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $ws (local.get $i))
          (local.set $h (i32.const 0x811c9dc5))
          (block $f (loop $g
            (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $e)) (then (i32.load8_u (local.get $i))) (else (i32.const 9))))
            (if (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
              (then
                (if (i32.lt_u (local.get $k) (local.get $n))
                  (then
                    (local.set $j (i32.shl (i32.add (local.get $w) (local.get $k)) (i32.const 2)))
                    (i32.store (i32.add (local.get $hs) (local.get $j)) (local.get $h))
                    (i32.store (i32.add (local.get $st) (local.get $j)) (local.get $ws))
                    (i32.store (i32.add (local.get $en) (local.get $j)) (local.get $i))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br_if $f (i32.eq (local.get $c) (i32.const 9)))
                (local.set $ws (i32.add (local.get $i) (i32.const 1)))
                (local.set $h (i32.const 0x811c9dc5)))
              (else (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $c)) (i32.const 0x01000193)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $g)))
          (if (i32.eq (local.get $k) (local.get $n)) (then (local.set $w (i32.add (local.get $w) (local.get $n)))))))
      (local.set $lines (i32.add (local.get $lines) (i32.const 1)))
      (local.set $pos (i32.add (local.get $e) (i32.const 1)))
      (br $l)))
    ;; their vocabulary slots
    (local.set $j (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $w)))
      (local.set $x (i32.xor (local.get $x)
        (i32.load (i32.add (global.get $vslots)
          (i32.shl (i32.and (i32.load (i32.add (local.get $hs) (i32.shl (local.get $j) (i32.const 2)))) (global.get $vmask)) (i32.const 5))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    ;; their ids (in place of the hashes), then the chains' slot addresses
    (local.set $base (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $base) (local.get $w)))
      (block $skip
        (local.set $k (i32.const 0))
        (block $f (loop $g
          (br_if $f (i32.ge_u (local.get $k) (local.get $n)))
          (local.set $j (i32.shl (i32.add (local.get $base) (local.get $k)) (i32.const 2)))
          (local.set $at (call $vocabFind (i32.load (i32.add (local.get $st) (local.get $j))) (i32.load (i32.add (local.get $en) (local.get $j)))
                                          (i32.load (i32.add (local.get $hs) (local.get $j)))))
          (br_if $skip (i32.eqz (local.get $at)))
          (i32.store (i32.add (local.get $hs) (local.get $j)) (i32.load (local.get $at)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $g)))
        (local.set $j (i32.add (local.get $hs) (i32.shl (local.get $base) (i32.const 2))))
        (local.set $sh (i32.load (i32.add (local.get $j) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2)))))
        (local.set $mh (i32.load (i32.add (local.get $j) (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 2)))))
        (local.set $m (i32.const 2))
        (block $f (loop $g
          (br_if $f (i32.ge_u (local.get $m) (local.get $n)))
          (local.set $t (i32.add (global.get $tabs) (i32.shl (i32.sub (local.get $m) (i32.const 2)) (i32.const 3))))
          (local.set $sh (call $pairHash (local.get $sh) (i32.load (i32.add (local.get $j) (i32.shl (i32.sub (local.get $n) (local.get $m)) (i32.const 2))))))
          (i32.store (i32.add (local.get $ad) (i32.shl (local.get $a) (i32.const 2)))
            (i32.add (i32.load (local.get $t)) (i32.shl (i32.and (local.get $sh) (i32.load offset=4 (local.get $t))) (i32.const 4))))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (if (i32.le_u (local.get $m) (i32.sub (local.get $n) (i32.const 2)))
            (then
              (local.set $mh (call $pairHash (local.get $mh) (i32.load (i32.add (local.get $j) (i32.shl (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $m)) (i32.const 2))))))
              (i32.store (i32.add (local.get $ad) (i32.shl (local.get $a) (i32.const 2)))
                (i32.add (i32.load (local.get $t)) (i32.shl (i32.and (local.get $mh) (i32.load offset=4 (local.get $t))) (i32.const 4))))
              (local.set $a (i32.add (local.get $a) (i32.const 1)))))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br $g))))
      (local.set $base (i32.add (local.get $base) (local.get $n)))
      (br $l)))
    (local.set $j (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $a)))
      (local.set $x (i32.xor (local.get $x) (i32.load (i32.load (i32.add (local.get $ad) (i32.shl (local.get $j) (i32.const 2)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    (global.set $sink (i32.xor (global.get $sink) (local.get $x))))

  (func (export "readLines") (param $pos i32) (param $end i32) (result i32)
    (local $e i32)
    ;; Lines are read (parsed, words and suffixes looked up) into a queue of 16, whose context lookups
    ;; and inserts $flush then makes together (their cache misses overlap).
    (global.set $pending (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $pos) (local.get $end)))
      (if (i32.eqz (global.get $pending)) (then (call $readAhead (local.get $pos) (local.get $end))))
      (local.set $e (local.get $pos))
      (block $f (loop $g
        (br_if $f (i32.ge_u (local.get $e) (local.get $end)))
        (br_if $f (i32.eq (i32.load8_u (local.get $e)) (i32.const 10)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $g)))
      (if (i32.eqz (call $readLine (local.get $pos) (local.get $e)))
        (then
          (if (i32.eqz (call $flush)) (then (return (global.get $failPos))))
          (return (local.get $pos))))
      (global.set $pending (i32.add (global.get $pending) (i32.const 1)))
      (local.set $pos (i32.add (local.get $e) (i32.const 1)))
      (if (i32.eq (global.get $pending) (i32.const 16))
        (then (if (i32.eqz (call $flush)) (then (return (global.get $failPos))))))
      (br $l)))
    (if (i32.eqz (call $flush)) (then (return (global.get $failPos))))
    (local.get $end))
)
