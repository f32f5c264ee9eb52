;; The text scan of src/ngram in WebAssembly (scan-kernel.ts): UTF-8 lines → padded sentences of vocabulary
;; ids, as byte-words.ts's `scanLines` makes them for scoring (words looked up, never added). Why: the same
;; loop in JavaScript took ~5.5 ms of a ~12.6 ms warm bigram scoring call on Brown's held-out text (bounds
;; checks, DataView reads, the hash's multiplies on doubles' int paths); here a word's first 16 bytes are
;; two i64 loads.
;;
;; ASCII only: a line holding any byte >= 0x80 (where JavaScript's `\s` has multi-byte spaces) is handed back
;; (status 1) and the JavaScript scan does that line, so the ids are the JavaScript scan's by construction of
;; the rules the kernel keeps: lines end at 10; words split on 32 and 9..13; every other byte is a word byte.
;;
;; Memory (own, exported; addresses from `layout`): a ByteWordIndex's tables copied as they are (16-byte slots:
;; id + 1, 0 = empty; tag = the hash's high 24 bits and the length, 255 for 255 or more; the first 8 bytes as
;; two i32), its words' bytes (16 bytes of slack after) and their offsets), the raw id → id map at $idMap, the
;; input window (16 bytes of slack after), output ids at $out (i32, $outCap of them) and sentence ends at $ends
;; ($endsCap of them). The lookup is `ByteWordIndex.find` (headBytes, hashWord, linear probing), so the table
;; needs no building here. `radix`: block-lookup.ts's sort, in an instance of its own.
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
  ;; after `scan`: ids and sentences written, and why it stopped
  (global $outLen (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $status (mut i32) (i32.const 0))

  (func (export "layout") (param $slots i32) (param $mask i32) (param $arena i32) (param $offs i32) (param $idMap i32)
                          (param $out i32) (param $outCap i32) (param $ends i32) (param $endsCap i32)
    (global.set $slots (local.get $slots))
    (global.set $mask (local.get $mask))
    (global.set $arena (local.get $arena))
    (global.set $offs (local.get $offs))
    (global.set $idMap (local.get $idMap))
    (global.set $out (local.get $out))
    (global.set $outCap (local.get $outCap))
    (global.set $ends (local.get $ends))
    (global.set $endsCap (local.get $endsCap)))

  (func (export "outLen") (result i32) (global.get $outLen))
  (func (export "count") (result i32) (global.get $count))
  (func (export "status") (result i32) (global.get $status))

  ;; 1 when word `id` of the index is the `len` bytes at p, whose first 8 bytes are known to match
  (func $sameTail (param $id i32) (param $p i32) (param $len i32) (result i32)
    (local $w i32) (local $k i32)
    (local.set $w (i32.add (global.get $offs) (i32.shl (local.get $id) (i32.const 2))))
    (if (i32.ne (i32.sub (i32.load offset=4 (local.get $w)) (i32.load (local.get $w))) (local.get $len)) (then (return (i32.const 0))))
    (local.set $w (i32.add (global.get $arena) (i32.load (local.get $w))))
    (local.set $k (i32.const 8))
    (block $differ
      (loop $cmp
        (if (i32.lt_u (local.get $k) (local.get $len))
          (then
            (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $w) (local.get $k)))
                                   (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $cmp))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; Scans the lines of [pos, end) into $out/$ends (from 0): per line `pads` × bos, the words' ids (idMap of
  ;; the raw id, unk when not found), `pads` × eos, then the sentence's end. A line runs to its 10 (taken) or,
  ;; when `final`, to `end`. Stops at a line start once `end` is reached, $outLen >= stopAt or $ends is full
  ;; (status 0); before a line with a byte >= 0x80 or too many ids for $out (status 1), or a line that `end`
  ;; cuts when not `final` (status 2), with nothing of that line written. Returns where it stopped.
  (func (export "scan") (param $pos i32) (param $end i32) (param $final i32) (param $stopAt i32)
                        (param $pads i32) (param $bos i32) (param $eos i32) (param $unk i32) (result i32)
    (local $line i32) (local $lineLen i32) (local $len i32) (local $count i32) (local $c i32) (local $ws i32) (local $id i32) (local $p i32)
    (local $wl i32) (local $s i32) (local $at i32) (local $raw i32) (local $v i64) (local $m i64) (local $lo i32) (local $hi i32) (local $h i32)
    (local $k i32) (local $tag i32)
    (local.set $len (i32.const 0))
    (local.set $count (i32.const 0))
    (global.set $status (i32.const 0))
    (block $stop (loop $lines
      (br_if $stop (i32.ge_u (local.get $pos) (local.get $end)))
      (br_if $stop (i32.ge_u (local.get $len) (local.get $stopAt)))
      (br_if $stop (i32.ge_u (local.get $count) (global.get $endsCap)))
      (local.set $line (local.get $pos))
      (local.set $lineLen (local.get $len))
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
          (local.set $lo (i32.load (local.get $ws)))
          (if (i32.lt_u (local.get $wl) (i32.const 4))
            (then (local.set $lo (i32.and (local.get $lo) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $wl) (i32.const 3))) (i32.const 1))))))
          (local.set $hi (i32.const 0))
          (if (i32.gt_u (local.get $wl) (i32.const 4))
            (then
              (local.set $hi (i32.load offset=4 (local.get $ws)))
              (if (i32.lt_u (local.get $wl) (i32.const 8))
                (then (local.set $hi (i32.and (local.get $hi) (i32.sub (i32.shl (i32.const 1) (i32.shl (i32.sub (local.get $wl) (i32.const 4)) (i32.const 3))) (i32.const 1))))))))
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
          (local.set $s (i32.and (local.get $h) (global.get $mask)))
          (local.set $id (local.get $unk))
          (block $found (loop $probe
            (local.set $at (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 4))))
            (local.set $raw (i32.load (local.get $at)))
            (br_if $found (i32.eqz (local.get $raw)))
            (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $tag))
                         (i32.and (i32.eq (i32.load offset=8 (local.get $at)) (local.get $lo))
                                  (i32.eq (i32.load offset=12 (local.get $at)) (local.get $hi))))
              (then
                (if (i32.le_u (local.get $wl) (i32.const 8))
                  (then (local.set $id (i32.load (i32.add (global.get $idMap) (i32.shl (i32.sub (local.get $raw) (i32.const 1)) (i32.const 2)))))
                        (br $found)))
                (if (call $sameTail (i32.sub (local.get $raw) (i32.const 1)) (local.get $ws) (local.get $wl))
                  (then (local.set $id (i32.load (i32.add (global.get $idMap) (i32.shl (i32.sub (local.get $raw) (i32.const 1)) (i32.const 2)))))
                        (br $found)))))
            (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $mask)))
            (br $probe)))
          (i32.store (i32.add (global.get $out) (i32.shl (local.get $len) (i32.const 2))) (local.get $id))
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
      (br $stop))
      ;; $handBack: undo the line
      (global.set $status (i32.const 1))
      (local.set $len (local.get $lineLen))
      (br $stop)))
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
)
