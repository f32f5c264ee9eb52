;; The text scan and the block scorer of src/ngram in WebAssembly (scan-kernel.ts).
;;
;; `scan`: UTF-8 lines → padded sentences of vocabulary ids, as byte-words.ts's `scanLines` makes them for
;; scoring (words looked up, never added). Why: the same loop in JavaScript took ~5.5 ms of a ~12.6 ms warm
;; bigram scoring call on Brown's held-out text (bounds checks, DataView reads, the hash's multiplies on
;; doubles' int paths); here a word's first 16 bytes are two i64 loads. Words are queued and looked up 2,048 at
;; a time (`resolve`), so that the misses on the vocabulary's table overlap: the scorer's sweep through the
;; model pushes that table out of cache between calls (scan of Brown's held-out text with the caches flushed
;; first: 5.3 → 4.5 ms, load ~7).
;;
;; ASCII only: a line holding any byte >= 0x80 (where JavaScript's `\s` has multi-byte spaces) is handed back
;; (status 1) and the JavaScript scan does that line, so the ids are the JavaScript scan's by construction of
;; the rules the kernel keeps: lines end at 10; words split on 32 and 9..13; every other byte is a word byte.
;;
;; Memory (own, exported; addresses from `layout`): a ByteWordIndex's tables copied as they are (16-byte slots:
;; id + 1, 0 = empty; tag = the hash's high 24 bits and the length, 255 for 255 or more; the first 8 bytes as
;; two i32), its words' bytes (16 bytes of slack after) and their offsets), the raw id → id map at $idMap, the
;; input window (16 bytes of slack after), output ids at $out (i32, $outCap of them), sentence ends at $ends
;; ($endsCap of them) and the lookup queue at $pend. The lookup is `ByteWordIndex.find` (headBytes, hashWord,
;; linear probing), so the table needs no building here.
;;
;; `radix`: block-lookup.ts's sort of packed keys, for its JavaScript merge (an instance of its own).
;;
;; `ranks`, `keys`, `radix64`, `merge`, `sum`: a whole block's NLTK Lidstone / MLE log score in another instance
;; (`MergeKernel`; its memory holds the model's childStart / words tables, the top order's counts and its
;; contexts' totals, copied once per model): the block's words ranked, each scored n-gram one 64-bit key of
;; its words' ranks (and its number), radix-sorted (digits of up to 14 bits: 3 passes for Brown's trigrams),
;; merged with the model's sorted continuations (`merge`), one score per distinct n-gram out; JavaScript takes
;; their logs (`Math.log`, as the estimators: the same bits) and `sum` adds them up in NLTK's order. Why: the
;; same sort-then-merge in JavaScript (block-lookup.ts) spent ~8 of a ~14 ms warm trigram call on Brown's
;; held-out text in its merge loops (bounds checks, the galloping's mispredicted branches, one dependent cache
;; miss after another); whole calls here, CPU, both trees alternated in one process at load ~7: trigram 16.1 →
;; 10.7 ms, bigram 9.2 → 7.2 ms. Tried and dropped: sharing one score slot among n-grams of equal scores (Brown's
;; trigrams have 4,355 distinct scores among ~60,000 distinct n-grams) through a hash of the score's bits: the
;; table cost the merge 1.3 ms, more than the logs it saved (a memo of the logs in JavaScript: slower too; V8's
;; log (fdlibm) ported here, to take the logs in the kernel: 1 % faster, not worth it); looking long words'
;; tails up in a pass of their own in `resolve`: slower (3.4 vs 3.2 ms); a loop of its own for trigram
;; contexts: ~1 %.
;;
;; Build: `pnpm build:wasm` (scripts/wat-to-ts.mjs) writes scan-kernel.wasm.ts.
(module
  (memory (export "memory") 1)

  (global $slots (mut i32) (i32.const 0))
  (global $mask (mut i32) (i32.const 0))
  (global $arena (mut i32) (i32.const 0))
  (global $offs (mut i32) (i32.const 0))
  (global $idMap (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $outCap (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $endsCap (mut i32) (i32.const 0))
  (global $pend (mut i32) (i32.const 0))
  (global $pendCap (mut i32) (i32.const 0))
  ;; after `scan`: ids and sentences written, and why it stopped
  (global $outLen (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $status (mut i32) (i32.const 0))
  ;; the merge's touches add up here, so that no engine drops them as unused
  (global $sink (mut i64) (i64.const 0))

  (func (export "layout") (param $slots i32) (param $mask i32) (param $arena i32) (param $offs i32) (param $idMap i32)
                          (param $out i32) (param $outCap i32) (param $ends i32) (param $endsCap i32) (param $pend i32) (param $pendCap i32)
    (global.set $slots (local.get $slots))
    (global.set $mask (local.get $mask))
    (global.set $arena (local.get $arena))
    (global.set $offs (local.get $offs))
    (global.set $idMap (local.get $idMap))
    (global.set $out (local.get $out))
    (global.set $outCap (local.get $outCap))
    (global.set $ends (local.get $ends))
    (global.set $endsCap (local.get $endsCap))
    (global.set $pend (local.get $pend))
    (global.set $pendCap (local.get $pendCap)))

  (func (export "outLen") (result i32) (global.get $outLen))
  (func (export "count") (result i32) (global.get $count))
  (func (export "status") (result i32) (global.get $status))

  ;; 1 when word `id` of the index is the `len` bytes at p, whose first 8 bytes are known to match: 8 bytes at a
  ;; time (the arena and the window have 16 bytes of slack after), the last 8 masked to the word's end
  (func $sameTail (param $id i32) (param $p i32) (param $len i32) (result i32)
    (local $w i32) (local $k i32) (local $x i64)
    (local.set $w (i32.add (global.get $offs) (i32.shl (local.get $id) (i32.const 2))))
    (if (i32.ne (i32.sub (i32.load offset=4 (local.get $w)) (i32.load (local.get $w))) (local.get $len)) (then (return (i32.const 0))))
    (local.set $w (i32.add (global.get $arena) (i32.load (local.get $w))))
    (local.set $k (i32.const 8))
    (loop $cmp
      (local.set $x (i64.xor (i64.load (i32.add (local.get $w) (local.get $k))) (i64.load (i32.add (local.get $p) (local.get $k)))))
      (if (i32.lt_u (i32.sub (local.get $len) (local.get $k)) (i32.const 8))
        (then (local.set $x (i64.and (local.get $x)
                                     (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (i32.sub (local.get $len) (local.get $k)) (i32.const 3)))) (i64.const 1))))))
      (if (i64.ne (local.get $x) (i64.const 0)) (then (return (i32.const 0))))
      (local.set $k (i32.add (local.get $k) (i32.const 8)))
      (br_if $cmp (i32.lt_u (local.get $k) (local.get $len))))
    (i32.const 1))

  ;; Looks up the np queued words at $pend (32 bytes each: output index, start, length, first 8 bytes as two
  ;; i32, tag, first slot) exactly as ByteWordIndex.find (the tag, linear probing) and writes their ids (idMap
  ;; of the raw id; unk when not found) to $out. In three passes: a load of each word's first slot, the probes,
  ;; the idMap reads: the loads of one pass do not wait for each other, so their cache misses overlap (one word
  ;; at a time, each miss stalled the scan: ~4 of a ~6 ms scan of Brown's held-out text after the merge had
  ;; pushed the vocabulary's table out of cache, ~2 when it was in).
  (func $resolve (param $np i32) (param $unk i32)
    (local $k i32) (local $r i32) (local $at i32) (local $raw i32) (local $s i32) (local $touch i32) (local $wl i32)
    (local $tag i32) (local $lo i32) (local $hi i32)
    (local.set $k (i32.const 0))
    (block $touched (loop $touch
      (br_if $touched (i32.ge_u (local.get $k) (local.get $np)))
      (local.set $touch (i32.add (local.get $touch)
                                 (i32.load (i32.add (global.get $slots)
                                                    (i32.shl (i32.load offset=24 (i32.add (global.get $pend) (i32.shl (local.get $k) (i32.const 5)))) (i32.const 4))))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $touch)))
    (global.set $sink (i64.add (global.get $sink) (i64.extend_i32_u (local.get $touch))))
    (local.set $k (i32.const 0))
    (block $probed (loop $words
      (br_if $probed (i32.ge_u (local.get $k) (local.get $np)))
      (local.set $r (i32.add (global.get $pend) (i32.shl (local.get $k) (i32.const 5))))
      (local.set $wl (i32.load offset=8 (local.get $r)))
      (local.set $lo (i32.load offset=12 (local.get $r)))
      (local.set $hi (i32.load offset=16 (local.get $r)))
      (local.set $tag (i32.load offset=20 (local.get $r)))
      (local.set $s (i32.load offset=24 (local.get $r)))
      (block $found (loop $probe
        (local.set $at (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 4))))
        (local.set $raw (i32.load (local.get $at)))
        (br_if $found (i32.eqz (local.get $raw)))
        (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $tag))
                     (i32.and (i32.eq (i32.load offset=8 (local.get $at)) (local.get $lo))
                              (i32.eq (i32.load offset=12 (local.get $at)) (local.get $hi))))
          (then
            (br_if $found (i32.le_u (local.get $wl) (i32.const 8)))
            (br_if $found (call $sameTail (i32.sub (local.get $raw) (i32.const 1)) (i32.load offset=4 (local.get $r)) (local.get $wl)))))
        (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $mask)))
        (br $probe)))
      (i32.store offset=28 (local.get $r) (local.get $raw))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $words)))
    (local.set $k (i32.const 0))
    (block $written (loop $ids
      (br_if $written (i32.ge_u (local.get $k) (local.get $np)))
      (local.set $r (i32.add (global.get $pend) (i32.shl (local.get $k) (i32.const 5))))
      (local.set $raw (i32.load offset=28 (local.get $r)))
      ;; (raw 0: idMap[-1] is read, in memory, and not taken)
      (i32.store (i32.add (global.get $out) (i32.shl (i32.load (local.get $r)) (i32.const 2)))
                 (select (i32.load (i32.add (global.get $idMap) (i32.shl (i32.sub (local.get $raw) (i32.const 1)) (i32.const 2))))
                         (local.get $unk) (local.get $raw)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $ids)))
  )

  ;; Scans the lines of [pos, end) into $out/$ends (from 0): per line `pads` × bos, the words' ids (idMap of
  ;; the raw id, unk when not found), `pads` × eos, then the sentence's end. A line runs to its 10 (taken) or,
  ;; when `final`, to `end`. Stops at a line start once `end` is reached, $outLen >= stopAt or $ends is full
  ;; (status 0); before a line with a byte >= 0x80 or too many ids for $out (status 1), or a line that `end`
  ;; cuts when not `final` (status 2), with nothing of that line written. Returns where it stopped.
  (func (export "scan") (param $pos i32) (param $end i32) (param $final i32) (param $stopAt i32)
                        (param $pads i32) (param $bos i32) (param $eos i32) (param $unk i32) (result i32)
    (local $line i32) (local $lineLen i32) (local $len i32) (local $count i32) (local $c i32) (local $ws i32) (local $id i32) (local $p i32)
    (local $wl i32) (local $s i32) (local $at i32) (local $raw i32) (local $v i64) (local $m i64) (local $lo i32) (local $hi i32) (local $h i32)
    (local $k i32) (local $tag i32) (local $np i32) (local $npLine i32)
    (local.set $len (i32.const 0))
    (local.set $count (i32.const 0))
    (global.set $status (i32.const 0))
    (block $stop (loop $lines
      (br_if $stop (i32.ge_u (local.get $pos) (local.get $end)))
      (br_if $stop (i32.ge_u (local.get $len) (local.get $stopAt)))
      (br_if $stop (i32.ge_u (local.get $count) (global.get $endsCap)))
      (local.set $line (local.get $pos))
      (local.set $lineLen (local.get $len))
      (local.set $npLine (local.get $np))
      (block $handBack (block $cut
        (br_if $handBack (i32.gt_u (i32.add (local.get $len) (i32.add (i32.shl (local.get $pads) (i32.const 1)) (i32.const 1))) (global.get $outCap)))
        (local.set $p (i32.const 0))
        (loop $bosPads
          (if (i32.lt_u (local.get $p) (local.get $pads))
            (then
              (i32.store (i32.add (global.get $out) (i32.shl (local.get $len) (i32.const 2))) (local.get $bos))
              (local.set $len (i32.add (local.get $len) (i32.const 1)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $bosPads))))
        (block $lineEnd (loop $words
          ;; whitespace up to a word, the line's end or `end`
          (block $atWord (loop $skip
            (if (i32.ge_u (local.get $pos) (local.get $end))
              (then (br_if $lineEnd (local.get $final)) (br $cut)))
            (local.set $c (i32.load8_u (local.get $pos)))
            (br_if $lineEnd (i32.eq (local.get $c) (i32.const 10)))
            (br_if $handBack (i32.ge_u (local.get $c) (i32.const 128)))
            (br_if $atWord (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4)))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $skip)))
          (local.set $ws (local.get $pos))
          ;; the word's end, 8 bytes at a time: the first byte below 0x21 or from 0x80 (the borrow trick flags
          ;; exactly the lowest such byte), then that byte itself
          (block $wordEnd (loop $chunk
            (local.set $v (i64.load (local.get $pos)))
            (local.set $m (i64.and (i64.or (i64.and (i64.sub (local.get $v) (i64.const 0x2121212121212121))
                                                    (i64.xor (local.get $v) (i64.const -1)))
                                           (local.get $v))
                                   (i64.const 0x8080808080808080)))
            (if (i64.eqz (local.get $m))
              (then (local.set $pos (i32.add (local.get $pos) (i32.const 8))))
              (else (local.set $pos (i32.add (local.get $pos) (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $m)) (i64.const 3)))))))
            (if (i32.ge_u (local.get $pos) (local.get $end))
              (then (local.set $pos (local.get $end)) (br_if $wordEnd (local.get $final)) (br $cut)))
            (br_if $chunk (i64.eqz (local.get $m)))
            (local.set $c (i32.load8_u (local.get $pos)))
            (br_if $handBack (i32.ge_u (local.get $c) (i32.const 128)))
            (br_if $wordEnd (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $chunk)))
          (br_if $handBack (i32.gt_u (i32.add (local.get $len) (i32.add (local.get $pads) (i32.const 1))) (global.get $outCap)))
          ;; the lookup, exactly as ByteWordIndex.find: headBytes, hashWord, the tag, linear probing
          (local.set $wl (i32.sub (local.get $pos) (local.get $ws)))
          ;; (branch-free: word lengths vary too much for the branches to be predicted; bytes past the word are
          ;; read and masked off, the window has 16 bytes of slack)
          (local.set $lo (i32.and (i32.load (local.get $ws))
                                  (select (i32.const -1) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $wl) (i32.const 3))) (i32.const 1))
                                          (i32.ge_u (local.get $wl) (i32.const 4)))))
          (local.set $hi (i32.and (i32.load offset=4 (local.get $ws))
                                  (select (select (i32.const -1) (i32.sub (i32.shl (i32.const 1) (i32.shl (i32.sub (local.get $wl) (i32.const 4)) (i32.const 3))) (i32.const 1))
                                                  (i32.ge_u (local.get $wl) (i32.const 8)))
                                          (i32.const 0)
                                          (i32.gt_u (local.get $wl) (i32.const 4)))))
          (local.set $h (i32.xor (i32.mul (local.get $lo) (i32.const 0x9e3779b1))
                                 (i32.mul (i32.xor (local.get $hi) (local.get $wl)) (i32.const 0x85ebca77))))
          (local.set $k (i32.const 8))
          (loop $fold
            (if (i32.lt_u (local.get $k) (local.get $wl))
              (then
                (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $ws) (local.get $k)))) (i32.const 0x01000193)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $fold))))
          (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
          (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
          (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
          (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
          (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
          (local.set $tag (i32.or (i32.and (local.get $h) (i32.const -256))
                                  (select (local.get $wl) (i32.const 255) (i32.lt_u (local.get $wl) (i32.const 255)))))
          ;; queued: looked up in `resolve`, with the queue's other words (their cache misses overlap)
          (if (i32.eq (local.get $np) (global.get $pendCap))
            (then (call $resolve (local.get $np) (local.get $unk))
                  (local.set $np (i32.const 0))
                  (local.set $npLine (i32.const 0))))
          (local.set $at (i32.add (global.get $pend) (i32.shl (local.get $np) (i32.const 5))))
          (i32.store (local.get $at) (local.get $len))
          (i32.store offset=4 (local.get $at) (local.get $ws))
          (i32.store offset=8 (local.get $at) (local.get $wl))
          (i32.store offset=12 (local.get $at) (local.get $lo))
          (i32.store offset=16 (local.get $at) (local.get $hi))
          (i32.store offset=20 (local.get $at) (local.get $tag))
          (i32.store offset=24 (local.get $at) (i32.and (local.get $h) (global.get $mask)))
          (local.set $np (i32.add (local.get $np) (i32.const 1)))
          (local.set $len (i32.add (local.get $len) (i32.const 1)))
          (br $words)))
        ;; the line's end: eos pads, the sentence, past the 10
        (local.set $p (i32.const 0))
        (loop $eosPads
          (if (i32.lt_u (local.get $p) (local.get $pads))
            (then
              (i32.store (i32.add (global.get $out) (i32.shl (local.get $len) (i32.const 2))) (local.get $eos))
              (local.set $len (i32.add (local.get $len) (i32.const 1)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br $eosPads))))
        (i32.store (i32.add (global.get $ends) (i32.shl (local.get $count) (i32.const 2))) (local.get $len))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (if (i32.lt_u (local.get $pos) (local.get $end)) (then (local.set $pos (i32.add (local.get $pos) (i32.const 1)))))
        (br $lines))
      ;; $cut: the line runs past `end`
      (global.set $status (i32.const 2))
      (local.set $len (local.get $lineLen))
      (local.set $np (local.get $npLine))
      (br $stop))
      ;; $handBack: undo the line
      (global.set $status (i32.const 1))
      (local.set $len (local.get $lineLen))
      (local.set $np (local.get $npLine))
      (br $stop)))
    (call $resolve (local.get $np) (local.get $unk))
    (global.set $outLen (local.get $len))
    (global.set $count (local.get $count))
    (if (result i32) (i32.eqz (global.get $status))
      (then (local.get $pos))
      (else (local.get $line))))

  ;; block-lookup.ts's radix sort of packed (context, word) keys: the m keys at k with their positions at p,
  ;; stably sorted by `passes` digits of d bits (LSD; hist: passes << d i32 of scratch), k2/p2 the other
  ;; buffers. A pass whose digit is the same for every key moves nothing. Returns 1 when the sorted keys and
  ;; positions ended in k2/p2, else 0. Why here: the same loops in JavaScript took ~3 ms of a bigram block of
  ;; Brown's held-out text (each pass's scatter bounds-checked three times per key).
  (func (export "radix") (param $k i32) (param $p i32) (param $k2 i32) (param $p2 i32) (param $m i32)
                         (param $passes i32) (param $d i32) (param $hist i32) (result i32)
    (local $size i32) (local $mask i32) (local $i i32) (local $q i32) (local $x i32) (local $s i32) (local $h i32)
    (local $sum i32) (local $n i32) (local $skip i32) (local $at i32) (local $t i32) (local $flip i32)
    (local.set $size (i32.shl (i32.const 1) (local.get $d)))
    (local.set $mask (i32.sub (local.get $size) (i32.const 1)))
    (local.set $i (i32.const 0))
    (loop $zero
      (if (i32.lt_u (local.get $i) (i32.mul (local.get $passes) (local.get $size)))
        (then
          (i32.store (i32.add (local.get $hist) (i32.shl (local.get $i) (i32.const 2))) (i32.const 0))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $zero))))
    (local.set $i (i32.const 0))
    (loop $count
      (if (i32.lt_u (local.get $i) (local.get $m))
        (then
          (local.set $x (i32.load (i32.add (local.get $k) (i32.shl (local.get $i) (i32.const 2)))))
          (local.set $q (i32.const 0))
          (local.set $s (i32.const 0))
          (local.set $h (local.get $hist))
          (loop $digits
            (if (i32.lt_u (local.get $q) (local.get $passes))
              (then
                (local.set $at (i32.add (local.get $h) (i32.shl (i32.and (i32.shr_u (local.get $x) (local.get $s)) (local.get $mask)) (i32.const 2))))
                (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (local.set $s (i32.add (local.get $s) (local.get $d)))
                (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
                (br $digits))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $count))))
    (local.set $q (i32.const 0))
    (local.set $s (i32.const 0))
    (local.set $h (local.get $hist))
    (loop $pass
      (if (i32.lt_u (local.get $q) (local.get $passes))
        (then
          ;; offsets from counts; skip when one digit holds every key
          (local.set $sum (i32.const 0))
          (local.set $skip (i32.eqz (local.get $m)))
          (local.set $i (i32.const 0))
          (loop $prefix
            (if (i32.lt_u (local.get $i) (local.get $size))
              (then
                (local.set $at (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 2))))
                (local.set $n (i32.load (local.get $at)))
                (if (i32.eq (local.get $n) (local.get $m)) (then (local.set $skip (i32.const 1))))
                (i32.store (local.get $at) (local.get $sum))
                (local.set $sum (i32.add (local.get $sum) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $prefix))))
          (if (i32.eqz (local.get $skip))
            (then
              (local.set $i (i32.const 0))
              (loop $move
                (if (i32.lt_u (local.get $i) (local.get $m))
                  (then
                    (local.set $x (i32.load (i32.add (local.get $k) (i32.shl (local.get $i) (i32.const 2)))))
                    (local.set $at (i32.add (local.get $h) (i32.shl (i32.and (i32.shr_u (local.get $x) (local.get $s)) (local.get $mask)) (i32.const 2))))
                    (local.set $n (i32.load (local.get $at)))
                    (i32.store (local.get $at) (i32.add (local.get $n) (i32.const 1)))
                    (i32.store (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 2))) (local.get $x))
                    (i32.store (i32.add (local.get $p2) (i32.shl (local.get $n) (i32.const 2)))
                               (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $move))))
              (local.set $t (local.get $k)) (local.set $k (local.get $k2)) (local.set $k2 (local.get $t))
              (local.set $t (local.get $p)) (local.set $p (local.get $p2)) (local.set $p2 (local.get $t))
              (local.set $flip (i32.xor (local.get $flip) (i32.const 1)))))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (local.set $s (i32.add (local.get $s) (local.get $d)))
          (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
          (br $pass))))
    (local.get $flip))
;; ---- The block lookup (`MergeKernel` in scan-kernel.ts, an instance of its own) ----
  ;; Header (set by MergeKernel): childStart of order k (k = 1..8) at 4(k-1), words of order k (k = 2..9) at
  ;; 32 + 4(k-2); the merge's state per context order j (2..8): entry at 64 + 4j, search position at 104 + 4j,
  ;; range end at 144 + 4j.

  ;; Ranks of the distinct word ids of ids[0..len), in id order: rankOf[id] for the ids that occur (idCount
  ;; slots), idOfRank[rank] (idCount + 1 slots). Returns how many.
  (func (export "ranks") (param $ids i32) (param $len i32) (param $rankOf i32) (param $idOfRank i32) (param $idCount i32) (result i32)
    (local $t i32) (local $r i32) (local $seen i32) (local $at i32)
    (memory.fill (local.get $rankOf) (i32.const 0) (i32.shl (local.get $idCount) (i32.const 2)))
    (local.set $t (i32.const 0))
    (block $marked (loop $mark
      (br_if $marked (i32.ge_u (local.get $t) (local.get $len)))
      (i32.store (i32.add (local.get $rankOf) (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2)))
                 (i32.const 1))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $mark)))
    ;; branch-free: every id writes its slot, only a seen one moves the rank on
    (local.set $t (i32.const 0))
    (local.set $r (i32.const 0))
    (block $numbered (loop $number
      (br_if $numbered (i32.ge_u (local.get $t) (local.get $idCount)))
      (local.set $at (i32.add (local.get $rankOf) (i32.shl (local.get $t) (i32.const 2))))
      (local.set $seen (i32.load (local.get $at)))
      (i32.store (local.get $at) (local.get $r))
      (i32.store (i32.add (local.get $idOfRank) (i32.shl (local.get $r) (i32.const 2))) (local.get $t))
      (local.set $r (i32.add (local.get $r) (local.get $seen)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $number)))
    (local.get $r))

  ;; The keys of the scored n-grams of the `count` sentences ending at ends[] (positions s+n-1..e-1 of each
  ;; sentence [s, e)), in NLTK's order: the n words' ranks, rb bits each, the first word highest, shifted left
  ;; by `low`, with the n-gram's number i in the low bits (withPos 0) or in pos[i] (withPos 1). Returns how many.
  (func (export "keys") (param $n i32) (param $ids i32) (param $ends i32) (param $count i32) (param $rankOf i32)
                        (param $rb i32) (param $low i32) (param $keys i32) (param $pos i32) (param $withPos i32) (result i32)
    (local $j i32) (local $s i32) (local $e i32) (local $t i32) (local $i i32) (local $K i64) (local $mask i64) (local $rb64 i64) (local $low64 i64)
    (local.set $rb64 (i64.extend_i32_u (local.get $rb)))
    (local.set $low64 (i64.extend_i32_u (local.get $low)))
    (local.set $mask (i64.const -1))
    (if (i32.lt_u (i32.mul (local.get $n) (local.get $rb)) (i32.const 64))
      (then (local.set $mask (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.mul (local.get $n) (local.get $rb)))) (i64.const 1)))))
    (block $sentencesDone (loop $sentences
      (br_if $sentencesDone (i32.ge_u (local.get $j) (local.get $count)))
      (local.set $e (i32.load (i32.add (local.get $ends) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $K (i64.const 0))
      (local.set $t (local.get $s))
      (block $wordsDone (loop $words
        (br_if $wordsDone (i32.ge_u (local.get $t) (local.get $e)))
        (local.set $K (i64.and (i64.or (i64.shl (local.get $K) (local.get $rb64))
                                       (i64.load32_u (i32.add (local.get $rankOf) (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 2)))))
                               (local.get $mask)))
        (if (i32.ge_u (i32.sub (local.get $t) (local.get $s)) (i32.sub (local.get $n) (i32.const 1)))
          (then
            (if (local.get $withPos)
              (then
                (i64.store (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3))) (i64.shl (local.get $K) (local.get $low64)))
                (i32.store (i32.add (local.get $pos) (i32.shl (local.get $i) (i32.const 2))) (local.get $i)))
              (else
                (i64.store (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3)))
                           (i64.or (i64.shl (local.get $K) (local.get $low64)) (i64.extend_i32_u (local.get $i))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $words)))
      (local.set $s (local.get $e))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $sentences)))
    (local.get $i))

  ;; `radix` for 64-bit keys: the m keys at k stably sorted by `passes` digits of d bits from bit `low` (LSD),
  ;; their positions at p moved along when withPos. Returns 1 when the result ended in k2/p2, else 0.
  (func (export "radix64") (param $k i32) (param $p i32) (param $k2 i32) (param $p2 i32) (param $m i32) (param $low i32)
                           (param $passes i32) (param $d i32) (param $hist i32) (param $withPos i32) (result i32)
    (local $size i32) (local $mask i64) (local $i i32) (local $q i32) (local $x i64) (local $s i64) (local $h i32)
    (local $sum i32) (local $n i32) (local $skip i32) (local $at i32) (local $t i32) (local $flip i32) (local $d64 i64)
    (local.set $size (i32.shl (i32.const 1) (local.get $d)))
    (local.set $mask (i64.extend_i32_u (i32.sub (local.get $size) (i32.const 1))))
    (local.set $d64 (i64.extend_i32_u (local.get $d)))
    (memory.fill (local.get $hist) (i32.const 0) (i32.shl (i32.mul (local.get $passes) (local.get $size)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $counted (loop $count
      (br_if $counted (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $x (i64.load (i32.add (local.get $k) (i32.shl (local.get $i) (i32.const 3)))))
      (local.set $q (i32.const 0))
      (local.set $s (i64.extend_i32_u (local.get $low)))
      (local.set $h (local.get $hist))
      (loop $digits
        (local.set $at (i32.add (local.get $h) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $x) (local.get $s)) (local.get $mask))) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (local.set $s (i64.add (local.get $s) (local.get $d64)))
        (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br_if $digits (i32.lt_u (local.get $q) (local.get $passes))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $count)))
    (local.set $q (i32.const 0))
    (local.set $s (i64.extend_i32_u (local.get $low)))
    (local.set $h (local.get $hist))
    (block $passesDone (loop $pass
      (br_if $passesDone (i32.ge_u (local.get $q) (local.get $passes)))
      ;; offsets from counts; skip when one digit holds every key
      (local.set $sum (i32.const 0))
      (local.set $skip (i32.eqz (local.get $m)))
      (local.set $i (i32.const 0))
      (loop $prefix
        (local.set $at (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $n (i32.load (local.get $at)))
        (if (i32.eq (local.get $n) (local.get $m)) (then (local.set $skip (i32.const 1))))
        (i32.store (local.get $at) (local.get $sum))
        (local.set $sum (i32.add (local.get $sum) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $prefix (i32.lt_u (local.get $i) (local.get $size))))
      (if (i32.eqz (local.get $skip))
        (then
          (local.set $i (i32.const 0))
          (if (local.get $withPos)
            (then
              (block $movedP (loop $moveP
                (br_if $movedP (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $x (i64.load (i32.add (local.get $k) (i32.shl (local.get $i) (i32.const 3)))))
                (local.set $at (i32.add (local.get $h) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $x) (local.get $s)) (local.get $mask))) (i32.const 2))))
                (local.set $n (i32.load (local.get $at)))
                (i32.store (local.get $at) (i32.add (local.get $n) (i32.const 1)))
                (i64.store (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 3))) (local.get $x))
                (i32.store (i32.add (local.get $p2) (i32.shl (local.get $n) (i32.const 2)))
                           (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $moveP))))
            (else
              (block $moved (loop $move
                (br_if $moved (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $x (i64.load (i32.add (local.get $k) (i32.shl (local.get $i) (i32.const 3)))))
                (local.set $at (i32.add (local.get $h) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $x) (local.get $s)) (local.get $mask))) (i32.const 2))))
                (local.set $n (i32.load (local.get $at)))
                (i32.store (local.get $at) (i32.add (local.get $n) (i32.const 1)))
                (i64.store (i32.add (local.get $k2) (i32.shl (local.get $n) (i32.const 3))) (local.get $x))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $move)))))
          (local.set $t (local.get $k)) (local.set $k (local.get $k2)) (local.set $k2 (local.get $t))
          (local.set $t (local.get $p)) (local.set $p (local.get $p2)) (local.set $p2 (local.get $t))
          (local.set $flip (i32.xor (local.get $flip) (i32.const 1)))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (local.set $s (i64.add (local.get $s) (local.get $d64)))
      (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
      (br $pass)))
    (local.get $flip))

  ;; block-lookup.ts's `lowerBound`: the first j in lo..hi whose word (u32 at w + 4j) is >= x (hi if none).
  ;; The 16 words from lo are compared 4 at a time (SIMD), then it gallops: most searches of a block end near
  ;; where the one before stopped (Brown's held-out trigrams: 87 % within 8 words, 95 % within 16).
  (func $lowerBound (param $w i32) (param $lo i32) (param $hi i32) (param $x i32) (result i32)
    (local $a i32) (local $step i32) (local $l i32) (local $h i32) (local $mid i32) (local $splat v128) (local $k i32) (local $lt i32)
    (if (i32.ge_u (local.get $lo) (local.get $hi)) (then (return (local.get $lo))))
    (local.set $splat (i32x4.splat (local.get $x)))
    (loop $chunks
      ;; the lanes below x form a prefix (sorted words); lanes past hi may be anything, hence the clamp
      (local.set $lt (i32x4.bitmask (i32x4.lt_u (v128.load (i32.add (local.get $w) (i32.shl (local.get $lo) (i32.const 2)))) (local.get $splat))))
      (if (i32.ne (local.get $lt) (i32.const 15))
        (then
          (local.set $lo (i32.add (local.get $lo) (i32.ctz (i32.xor (local.get $lt) (i32.const 15)))))
          (return (select (local.get $lo) (local.get $hi) (i32.lt_u (local.get $lo) (local.get $hi))))))
      (local.set $lo (i32.add (local.get $lo) (i32.const 4)))
      (if (i32.ge_u (local.get $lo) (local.get $hi)) (then (return (local.get $hi))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $chunks (i32.lt_u (local.get $k) (i32.const 4))))
    (if (i32.ge_u (i32.load (i32.add (local.get $w) (i32.shl (local.get $lo) (i32.const 2)))) (local.get $x)) (then (return (local.get $lo))))
    (local.set $a (local.get $lo))
    (local.set $step (i32.const 1))
    (block $past (loop $gallop
      (br_if $past (i32.ge_u (i32.add (local.get $a) (local.get $step)) (local.get $hi)))
      (br_if $past (i32.ge_u (i32.load (i32.add (local.get $w) (i32.shl (i32.add (local.get $a) (local.get $step)) (i32.const 2)))) (local.get $x)))
      (local.set $a (i32.add (local.get $a) (local.get $step)))
      (local.set $step (i32.add (local.get $step) (local.get $step)))
      (br $gallop)))
    (local.set $l (i32.add (local.get $a) (i32.const 1)))
    (local.set $h (select (i32.add (local.get $a) (local.get $step)) (local.get $hi)
                          (i32.lt_u (i32.add (local.get $a) (local.get $step)) (local.get $hi))))
    (block $found (loop $halve
      (br_if $found (i32.ge_u (local.get $l) (local.get $h)))
      (local.set $mid (i32.shr_u (i32.add (local.get $l) (local.get $h)) (i32.const 1)))
      (if (i32.lt_u (i32.load (i32.add (local.get $w) (i32.shl (local.get $mid) (i32.const 2)))) (local.get $x))
        (then (local.set $l (i32.add (local.get $mid) (i32.const 1))))
        (else (local.set $h (local.get $mid))))
      (br $halve)))
    (local.get $l))

  ;; The merge: the m sorted keys (as `keys` made them: rb-bit ranks of n words from bit `low`) walked once
  ;; against the model's sorted continuations (the header's tables), the top order's counts (f64) at `counts`
  ;; and its contexts' totals (f64) at `totals`. Per distinct n-gram, in key order, its score q[d] =
  ;; (count + gamma) / (total + vg) (lidstone) or count / total (MLE; 0 when total is 0), with count and total
  ;; 0 for an n-gram and a context never counted: NLTK's formulas, the same float operations as the estimators,
  ;; so the same bits; the unseen n-grams of a context share one d. dist[i] = d for the n-gram numbered i.
  ;; Returns how many d.
  ;;
  ;; In batches of up to 512 distinct contexts (at `batch`, 12,296 bytes: 513 i32 first keys (the last: the
  ;; batch's end) at 0, their entries at 2056, range starts at 4104, range ends at 6152, f64 totals at 8200):
  ;; (A) the contexts' entries, a context compared with the one before so that only the orders from its first
  ;; differing word are searched again, each from where the last search under the same parent stopped; (B) their
  ;; continuation ranges and totals, then a load of each range's first word and count: independent loads, so
  ;; their cache misses overlap instead of each stalling the search that needs it (without these loads the
  ;; merge of Brown's held-out trigrams took ~6 % longer); (C) the top order's searches, which then start in
  ;; cache, branch-free but for the search itself (the found / unseen / repeated cases are selects).
  (func (export "merge") (param $n i32) (param $rb i32) (param $keys i32) (param $pos i32) (param $m i32) (param $low i32)
                         (param $withPos i32) (param $idOfRank i32) (param $counts i32) (param $totals i32)
                         (param $lidstone i32) (param $gamma f64) (param $vg f64) (param $dist i32) (param $q i32)
                         (param $batch i32) (result i32)
    (local $i i32) (local $key i64) (local $K i64) (local $C i64) (local $prevC i64) (local $prev i64) (local $p i32)
    (local $lvl i32) (local $j i32) (local $c i32) (local $b i32) (local $bEnd i32) (local $first i32)
    (local $w i32) (local $e i32) (local $lo i32) (local $hi i32) (local $words i32)
    (local $d i32) (local $idx i32) (local $unseen i32) (local $rmask i64) (local $posMask i64) (local $rb64 i64) (local $low64 i64)
    (local $tlo i32) (local $thi i32) (local $N f64) (local $den f64) (local $at i32) (local $score f64) (local $tstart i32) (local $twords i32)
    (local $touch i64) (local $bE i32) (local $bLo i32) (local $bHi i32) (local $bN i32) (local $ok i32) (local $x i32)
    (local $lastC i64) (local $lastSet i32) (local $lt i32)
    (local.set $rb64 (i64.extend_i32_u (local.get $rb)))
    (local.set $low64 (i64.extend_i32_u (local.get $low)))
    (local.set $rmask (i64.sub (i64.shl (i64.const 1) (local.get $rb64)) (i64.const 1)))
    (local.set $posMask (i64.sub (i64.shl (i64.const 1) (local.get $low64)) (i64.const 1)))
    (local.set $twords (i32.load offset=32 (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 2))))
    (local.set $tstart (i32.load (i32.shl (i32.sub (local.get $n) (i32.const 2)) (i32.const 2))))
    (local.set $bE (i32.add (local.get $batch) (i32.const 2056)))
    (local.set $bLo (i32.add (local.get $batch) (i32.const 4104)))
    (local.set $bHi (i32.add (local.get $batch) (i32.const 6152)))
    (local.set $bN (i32.add (local.get $batch) (i32.const 8200)))
    (local.set $first (i32.const 1))
    (block $walked (loop $batches
      (br_if $walked (i32.ge_u (local.get $i) (local.get $m)))
      ;; (A) the first keys of up to 512 contexts from key i (branch-free: a key writes its slot, a new context
      ;; moves on), then each context's entry
      (local.set $c (i32.const 0))
      (block $full (loop $collect
        (br_if $full (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $C (i64.shr_u (i64.load (i32.add (local.get $keys) (i32.shl (local.get $i) (i32.const 3))))
                                 (i64.add (local.get $low64) (local.get $rb64))))
        (local.set $ok (i32.or (local.get $first) (i64.ne (local.get $C) (local.get $prevC))))
        (br_if $full (i32.and (local.get $ok) (i32.eq (local.get $c) (i32.const 512))))
        (i32.store (i32.add (local.get $batch) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
        (local.set $c (i32.add (local.get $c) (local.get $ok)))
        (local.set $first (i32.const 0))
        (local.set $prevC (local.get $C))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $collect)))
      (i32.store (i32.add (local.get $batch) (i32.shl (local.get $c) (i32.const 2))) (local.get $i))
      (local.set $b (i32.const 0))
      (loop $entries
        (local.set $C (i64.shr_u (i64.load (i32.add (local.get $keys) (i32.shl (i32.load (i32.add (local.get $batch) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 3))))
                                 (i64.add (local.get $low64) (local.get $rb64))))
        ;; the order of the first context word that differs from the context before (1 for the first)
        (local.set $lvl (i32.const 1))
        (if (local.get $lastSet)
          (then (local.set $lvl (i32.sub (i32.sub (local.get $n) (i32.const 1))
                                         (i32.div_u (i32.wrap_i64 (i64.sub (i64.const 63) (i64.clz (i64.xor (local.get $C) (local.get $lastC)))))
                                                    (local.get $rb))))))
        (local.set $lastSet (i32.const 1))
        (local.set $lastC (local.get $C))
        (local.set $j (local.get $lvl))
        (loop $levels
          (local.set $w (i32.load (i32.add (local.get $idOfRank)
                                           (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $C) (i64.mul (local.get $rb64) (i64.extend_i32_u (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $j)))))
                                                                           (local.get $rmask)))
                                                    (i32.const 2)))))
          (if (i32.eq (local.get $j) (i32.const 1))
            (then (i32.store offset=68 (i32.const 0) (local.get $w)))
            (else
              (local.set $e (i32.load offset=60 (i32.shl (local.get $j) (i32.const 2))))
              (if (i32.lt_s (local.get $e) (i32.const 0))
                (then (i32.store offset=64 (i32.shl (local.get $j) (i32.const 2)) (i32.const -1)))
                (else
                  (local.set $words (i32.load offset=32 (i32.shl (i32.sub (local.get $j) (i32.const 2)) (i32.const 2))))
                  (if (i32.gt_u (local.get $j) (local.get $lvl))
                    (then
                      ;; a new parent: its whole range
                      (local.set $lo (i32.add (i32.load (i32.shl (i32.sub (local.get $j) (i32.const 2)) (i32.const 2)))
                                              (i32.shl (local.get $e) (i32.const 2))))
                      (local.set $hi (i32.load offset=4 (local.get $lo)))
                      (local.set $lo (i32.load (local.get $lo)))
                      (i32.store offset=144 (i32.shl (local.get $j) (i32.const 2)) (local.get $hi)))
                    (else
                      (local.set $lo (i32.load offset=104 (i32.shl (local.get $j) (i32.const 2))))
                      (local.set $hi (i32.load offset=144 (i32.shl (local.get $j) (i32.const 2))))))
                  (if (i32.lt_u (local.get $lo) (local.get $hi))
                    (then
                      (local.set $lt (i32x4.bitmask (i32x4.lt_u (v128.load (i32.add (local.get $words) (i32.shl (local.get $lo) (i32.const 2)))) (i32x4.splat (local.get $w)))))
                      (if (i32.ne (local.get $lt) (i32.const 15))
                        (then (local.set $lo (i32.add (local.get $lo) (i32.ctz (i32.xor (local.get $lt) (i32.const 15)))))
                              (local.set $lo (select (local.get $lo) (local.get $hi) (i32.lt_u (local.get $lo) (local.get $hi)))))
                        (else (local.set $lo (call $lowerBound (local.get $words) (local.get $lo) (local.get $hi) (local.get $w)))))))
                  (i32.store offset=104 (i32.shl (local.get $j) (i32.const 2)) (local.get $lo))
                  (i32.store offset=64 (i32.shl (local.get $j) (i32.const 2))
                             (select (local.get $lo) (i32.const -1)
                                     (i32.and (i32.lt_u (local.get $lo) (local.get $hi))
                                              (i32.eq (i32.load (i32.add (local.get $words) (i32.shl (local.get $lo) (i32.const 2)))) (local.get $w)))))))))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $levels (i32.lt_u (local.get $j) (local.get $n))))
        (i32.store (i32.add (local.get $bE) (i32.shl (local.get $b) (i32.const 2))) (i32.load offset=60 (i32.shl (local.get $n) (i32.const 2))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $entries (i32.lt_u (local.get $b) (local.get $c))))
      ;; (B) ranges and totals (a context never counted: entry 0's, with an empty range and total 0), then touches
      (local.set $b (i32.const 0))
      (loop $ranges
        (local.set $e (i32.load (i32.add (local.get $bE) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $ok (i32.ge_s (local.get $e) (i32.const 0)))
        (local.set $e (select (local.get $e) (i32.const 0) (local.get $ok)))
        (local.set $at (i32.add (local.get $tstart) (i32.shl (local.get $e) (i32.const 2))))
        (local.set $lo (i32.load (local.get $at)))
        (i32.store (i32.add (local.get $bLo) (i32.shl (local.get $b) (i32.const 2))) (local.get $lo))
        (i32.store (i32.add (local.get $bHi) (i32.shl (local.get $b) (i32.const 2))) (select (i32.load offset=4 (local.get $at)) (local.get $lo) (local.get $ok)))
        (f64.store (i32.add (local.get $bN) (i32.shl (local.get $b) (i32.const 3)))
                   (select (f64.load (i32.add (local.get $totals) (i32.shl (local.get $e) (i32.const 3)))) (f64.const 0) (local.get $ok)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $ranges (i32.lt_u (local.get $b) (local.get $c))))
      (local.set $b (i32.const 0))
      (loop $touches
        (local.set $lo (i32.load (i32.add (local.get $bLo) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $touch (i64.add (local.get $touch)
                                   (i64.add (i64.load32_u (i32.add (local.get $twords) (i32.shl (local.get $lo) (i32.const 2))))
                                            (i64.load (i32.add (local.get $counts) (i32.shl (local.get $lo) (i32.const 3)))))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $touches (i32.lt_u (local.get $b) (local.get $c))))
      ;; (C) the top order: each key's word among its context's continuations; branch-free but for the search
      ;; (a repeated n-gram keeps its d; a new one takes the next d, or its context's unseen d)
      (local.set $b (i32.const 0))
      (loop $contexts
        (local.set $j (i32.load (i32.add (local.get $batch) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $bEnd (i32.load offset=4 (i32.add (local.get $batch) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $tlo (i32.load (i32.add (local.get $bLo) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $thi (i32.load (i32.add (local.get $bHi) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $N (f64.load (i32.add (local.get $bN) (i32.shl (local.get $b) (i32.const 3)))))
        (local.set $den (f64.add (local.get $N) (local.get $vg)))
        (local.set $unseen (i32.const -1))
        (local.set $first (i32.const 1))
        (loop $inContext
          (local.set $key (i64.load (i32.add (local.get $keys) (i32.shl (local.get $j) (i32.const 3)))))
          (local.set $K (i64.shr_u (local.get $key) (local.get $low64)))
          (if (local.get $withPos)
            (then (local.set $p (i32.load (i32.add (local.get $pos) (i32.shl (local.get $j) (i32.const 2))))))
            (else (local.set $p (i32.wrap_i64 (i64.and (local.get $key) (local.get $posMask))))))
          (local.set $ok (i32.or (local.get $first) (i64.ne (local.get $K) (local.get $prev))))
          (local.set $first (i32.const 0))
          (local.set $prev (local.get $K))
          (local.set $w (i32.load (i32.add (local.get $idOfRank) (i32.shl (i32.wrap_i64 (i64.and (local.get $K) (local.get $rmask))) (i32.const 2)))))
          ;; (a word read at tlo = thi is the next table entry's or array's: in memory, and never taken; the first 8
          ;; words from tlo are compared inline, 4 at a time: on Brown's held-out bigrams 78 % of the searches end
          ;; there)
          (if (i32.lt_u (local.get $tlo) (local.get $thi))
            (then
              (local.set $at (i32.add (local.get $twords) (i32.shl (local.get $tlo) (i32.const 2))))
              (local.set $lt (i32.or (i32x4.bitmask (i32x4.lt_u (v128.load (local.get $at)) (i32x4.splat (local.get $w))))
                                     (i32.shl (i32x4.bitmask (i32x4.lt_u (v128.load offset=16 (local.get $at)) (i32x4.splat (local.get $w)))) (i32.const 4))))
              (if (i32.ne (local.get $lt) (i32.const 255))
                (then (local.set $tlo (i32.add (local.get $tlo) (i32.ctz (i32.xor (local.get $lt) (i32.const 255)))))
                      (local.set $tlo (select (local.get $tlo) (local.get $thi) (i32.lt_u (local.get $tlo) (local.get $thi)))))
                (else (local.set $tlo (call $lowerBound (local.get $twords) (local.get $tlo) (local.get $thi) (local.get $w)))))))
          (local.set $x (i32.and (i32.lt_u (local.get $tlo) (local.get $thi))
                                 (i32.eq (i32.load (i32.add (local.get $twords) (i32.shl (local.get $tlo) (i32.const 2)))) (local.get $w))))
          (local.set $idx (select (select (local.get $d) (select (local.get $unseen) (local.get $d) (i32.ge_s (local.get $unseen) (i32.const 0))) (local.get $x))
                                  (local.get $idx) (local.get $ok)))
          (local.set $e (i32.and (local.get $ok) (i32.or (local.get $x) (i32.lt_s (local.get $unseen) (i32.const 0)))))
          (local.set $unseen (select (local.get $d) (local.get $unseen)
                                     (i32.and (i32.and (local.get $ok) (i32.eqz (local.get $x))) (i32.lt_s (local.get $unseen) (i32.const 0)))))
          (local.set $score (select (f64.load (i32.add (local.get $counts) (i32.shl (local.get $tlo) (i32.const 3)))) (f64.const 0) (local.get $x)))
          (if (local.get $lidstone)
            (then (local.set $score (f64.div (f64.add (local.get $score) (local.get $gamma)) (local.get $den))))
            (else (local.set $score (select (f64.const 0) (f64.div (local.get $score) (local.get $N)) (f64.eq (local.get $N) (f64.const 0))))))
          (f64.store (i32.add (local.get $q) (i32.shl (local.get $idx) (i32.const 3))) (local.get $score))
          (local.set $d (i32.add (local.get $d) (local.get $e)))
          (i32.store (i32.add (local.get $dist) (i32.shl (local.get $p) (i32.const 2))) (local.get $idx))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $inContext (i32.lt_u (local.get $j) (local.get $bEnd))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $contexts (i32.lt_u (local.get $b) (local.get $c))))
      (br $batches)))
    (global.set $sink (i64.add (global.get $sink) (local.get $touch)))
    (local.get $d))

  ;; block-lookup.ts's sum: acc + L[dist[0]] + L[dist[1]] + ... + L[dist[m-1]], added in that order (the same
  ;; float operations as JavaScript's loop, so the same bits).
  (func (export "sum") (param $acc f64) (param $dist i32) (param $m i32) (param $L i32) (result f64)
    (local $i i32)
    (block $done (loop $add
      (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
      (local.set $acc (f64.add (local.get $acc)
                               (f64.load (i32.add (local.get $L) (i32.shl (i32.load (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $add)))
    (local.get $acc))
)
