;; Corpus BLEU statistics on UTF-8 bytes in WebAssembly: the byte path of ../bleu.ts (13a or `none`
;; tokenizer, ASCII lowercasing, word ids, per-line cache, clipped n-gram counts) for a whole corpus in one
;; call. Why WebAssembly: the same loops in JavaScript spend about a third of a cold 100k-segment `score`
;; run in V8's tiering (interpreter, baseline, optimizing compiles, deoptimizations); this module compiles
;; in about a millisecond and runs at full speed from the first line. Same statistics as the JavaScript
;; path, bit for bit (test/bleu-kernel-differential.test.ts).
;;
;; It ports byte-spans.ts (mark13a, finish13a, collapse, scanWhitespaceBytes), byte-tables.ts (word ids,
;; line cache) and bleu.ts's countSegment step for step. Two rare cases call back into JavaScript: a
;; non-ASCII line to lowercase (`env.lower`, String.prototype.toLowerCase) and a line with '<' or '&'
;; that 13a may rewrite (`env.rewrite`, the string rewrites); each writes the new bytes to a scratch area.
;;
;; Memory: imported and shared (a WebAssembly.Memory whose views stay valid when it grows), so that the
;; CLI can read its files straight into it and the kernel works on them there (bleu-wasm.ts's
;; KernelArena; other callers' bytes are copied in). Bytes 0-255 hold the byte classes; the bump
;; allocator (`alloc`) starts where `start` says, above the caller's data, and never frees: an instance
;; serves one corpus and is dropped, and its memory above `start` is never used again.
;; Hash-table slots use 0 as "empty", so fresh (zeroed) memory needs no clearing; the n-gram table and
;; the segment alphabet are generation-stamped. Every area is followed by slack, so the 8-byte reads of
;; words and lines may run past their ends.
;;
;; Build: `pnpm build:wasm` (scripts/wat-to-ts.mjs) writes bleu-kernel.wasm.ts.
(module
  (import "env" "lower" (func $lowerCb (param i32 i32 i32) (result i32)))
  (import "env" "rewrite" (func $rewriteCb (param i32 i32 i32) (result i32)))
  (import "env" "memory" (memory 1 65536 shared))
  ;; byte classes at address 0 (byte-spans.ts's CLASS): 1 13a punctuation, 2 [.,], 4 '-', 8 Python
  ;; whitespace (ASCII), 16 '<' or '&', 32 lead byte of a non-ASCII whitespace character
  (data (i32.const 0)
    "\00\00\00\00\00\00\00\00\00\08\08\08\08\08\00\00\00\00\00\00\00\00\00\00\00\00\00\00\08\08\08\08"
    "\09\01\01\01\01\01\11\00\01\01\01\01\02\04\02\01\00\00\00\00\00\00\00\00\00\00\01\01\11\01\01\01"
    "\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\01\01\01\01"
    "\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\01\01\01\00"
    "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00"
    "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00"
    "\00\00\20\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00"
    "\00\20\20\20\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")

  (global $top (mut i32) (i32.const 1024))
  ;; configuration (init): 1 = 13a, 2 = none; lowercase; max n-gram order
  (global $mode (mut i32) (i32.const 1))
  (global $lower (mut i32) (i32.const 0))
  (global $N (mut i32) (i32.const 4))
  ;; tokenizer: gap marks per byte, [.,] and '-' positions, token spans (absolute addresses), scratch lines
  (global $gap (mut i32) (i32.const 0))
  (global $periods (mut i32) (i32.const 0))
  (global $dashes (mut i32) (i32.const 0))
  (global $nPeriods (mut i32) (i32.const 0))
  (global $nDashes (mut i32) (i32.const 0))
  (global $spans (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $scrA (mut i32) (i32.const 0))
  (global $scrB (mut i32) (i32.const 0))
  ;; words: slots [hash, id | len << 27, key (i64)]; key = the word's bytes (1-8) or [pool address, length]
  (global $wt (mut i32) (i32.const 0))
  (global $wtMask (mut i32) (i32.const 0))
  (global $wtSize (mut i32) (i32.const 0))
  ;; segment alphabet per word id: [stamp, id]
  (global $alpha (mut i32) (i32.const 0))
  (global $agen (mut i32) (i32.const 0))
  ;; line cache: slots [hash, line address, length, entry address]; entry = [count, word ids...]
  (global $lc (mut i32) (i32.const 0))
  (global $lcMask (mut i32) (i32.const 0))
  (global $lcUsed (mut i32) (i32.const 0))
  ;; counting: per-position arrays, the hypothesis's n-gram ids, counts, n-gram table [gen, a, b, id]
  (global $items (mut i32) (i32.const 0))
  (global $prev (mut i32) (i32.const 0))
  (global $hyp (mut i32) (i32.const 0))
  (global $hids (mut i32) (i32.const 0))
  (global $rm (mut i32) (i32.const 0))
  (global $tmp (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $ng (mut i32) (i32.const 0))
  (global $ngGen (mut i32) (i32.const 0))
  (global $seen (mut i32) (i32.const 0))
  (global $refOffs (mut i32) (i32.const 0))

  ;; n bytes, 16-aligned, zeroed (fresh memory), with at least 64 bytes of slack after them. The memory
  ;; grows by at least an eighth at a time: the many small allocations of line entries otherwise grew
  ;; it a page at a time, a runtime call each.
  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32) (local $need i32) (local $pages i32)
    (local.set $p (i32.and (i32.add (global.get $top) (i32.const 15)) (i32.const -16)))
    (global.set $top (i32.add (local.get $p) (local.get $n)))
    (local.set $need (i32.add (global.get $top) (i32.const 64)))
    (if (i32.gt_u (local.get $need) (i32.shl (memory.size) (i32.const 16)))
      (then
        (local.set $pages (i32.sub (i32.shr_u (i32.add (local.get $need) (i32.const 65535)) (i32.const 16)) (memory.size)))
        (if (i32.lt_u (local.get $pages) (i32.shr_u (memory.size) (i32.const 3)))
          (then (local.set $pages (i32.shr_u (memory.size) (i32.const 3)))))
        (if (i32.eq (memory.grow (local.get $pages)) (i32.const -1))
          (then unreachable))))
    (local.get $p))

  ;; The allocator's start (above the caller's data, 16-aligned) and its end.
  (func (export "start") (param $top i32) (global.set $top (local.get $top)))
  (func (export "top") (result i32) (global.get $top))

  ;; maxLine: the most bytes a line can have after lowercasing; N: max order; mode 1 = 13a, 2 = none.
  (func (export "init") (param $maxLine i32) (param $n i32) (param $mode i32) (param $lower i32)
    (local $ml i32) (local $cap i32)
    (global.set $mode (local.get $mode))
    (global.set $lower (local.get $lower))
    (global.set $N (local.get $n))
    (local.set $ml (i32.add (local.get $maxLine) (i32.const 16)))
    (global.set $gap (call $alloc (i32.add (local.get $ml) (i32.const 8))))
    (global.set $periods (call $alloc (i32.shl (local.get $ml) (i32.const 2))))
    (global.set $dashes (call $alloc (i32.shl (local.get $ml) (i32.const 2))))
    (global.set $spans (call $alloc (i32.shl (local.get $ml) (i32.const 3))))
    (global.set $scrA (call $alloc (local.get $ml)))
    (global.set $scrB (call $alloc (local.get $ml)))
    ;; a line has at most as many words as bytes
    (global.set $items (call $alloc (i32.shl (local.get $ml) (i32.const 2))))
    (global.set $prev (call $alloc (i32.shl (local.get $ml) (i32.const 2))))
    (global.set $hyp (call $alloc (i32.shl (local.get $ml) (i32.const 2))))
    (global.set $hids (call $alloc (i32.shl (i32.mul (local.get $ml) (local.get $n)) (i32.const 2))))
    ;; n-gram ids: below 64 + 64 * 64 (direct bigrams) + the hypothesis's n-grams
    (global.set $rm (call $alloc (i32.shl (i32.add (i32.mul (local.get $ml) (i32.add (local.get $n) (i32.const 1))) (i32.const 4160)) (i32.const 2))))
    (global.set $tmp (call $alloc (i32.shl (i32.add (i32.mul (local.get $ml) (i32.add (local.get $n) (i32.const 1))) (i32.const 4160)) (i32.const 2))))
    (global.set $seen (call $alloc (i32.const 4160)))
    (global.set $ends (call $alloc (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2))))
    (local.set $cap (i32.const 64))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $cap) (i32.shl (i32.mul (local.get $ml) (local.get $n)) (i32.const 1))))
        (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
        (br $l)))
    (global.set $ng (call $alloc (i32.shl (local.get $cap) (i32.const 4))))
    (global.set $wt (call $alloc (i32.const 65536)))
    (global.set $wtMask (i32.const 4095))
    (global.set $alpha (call $alloc (i32.const 32768)))
    (global.set $lc (call $alloc (i32.const 65536)))
    (global.set $lcMask (i32.const 4095)))

  ;; ---- hashing and comparing byte strings (8 bytes at a time; reads may pass the end: slack) ----

  ;; the low n bytes (n < 8) of an i64
  (func $lowBytes (param $x i64) (param $n i32) (result i64)
    (i64.and (local.get $x)
      (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $n) (i32.const 3)))) (i64.const 1))))

  (func $hashBytes (param $p i32) (param $n i32) (result i32)
    (local $h i64) (local $e i32)
    (local.set $h (i64.mul (i64.extend_i32_u (i32.add (local.get $n) (i32.const 1))) (i64.const 0x9E3779B97F4A7C15)))
    (local.set $e (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -8))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $h (i64.rotl (i64.mul (i64.xor (local.get $h) (i64.load (local.get $p))) (i64.const 0x9E3779B97F4A7C15)) (i64.const 29)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $l)))
    (if (i32.and (local.get $n) (i32.const 7))
      (then
        (local.set $h (i64.mul
          (i64.xor (local.get $h) (call $lowBytes (i64.load (local.get $e)) (i32.and (local.get $n) (i32.const 7))))
          (i64.const 0xC2B2AE3D27D4EB4F)))))
    (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))))
    (i32.wrap_i64 (local.get $h)))

  ;; bytes a[0 .. n) == b[0 .. n)
  (func $equal (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $e i32)
    (local.set $e (i32.add (local.get $a) (i32.and (local.get $n) (i32.const -8))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $a) (local.get $e)))
        (if (i64.ne (i64.load (local.get $a)) (i64.load (local.get $b))) (then (return (i32.const 0))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $l)))
    (if (i32.and (local.get $n) (i32.const 7))
      (then
        (return (i64.eq
          (call $lowBytes (i64.load (local.get $a)) (i32.and (local.get $n) (i32.const 7)))
          (call $lowBytes (i64.load (local.get $b)) (i32.and (local.get $n) (i32.const 7)))))))
    (i32.const 1))

  ;; ---- words to ids (byte-tables.ts's ByteWordTable) ----

  (func $wordId (param $a i32) (param $len i32) (result i32)
    (local $key i64) (local $h i32) (local $info i32) (local $s i32) (local $k i32) (local $x i32)
    (if (i32.gt_u (local.get $len) (i32.const 8)) (then (return (call $longId (local.get $a) (local.get $len)))))
    (local.set $key (i64.load (local.get $a)))
    (if (i32.lt_u (local.get $len) (i32.const 8)) (then (local.set $key (call $lowBytes (local.get $key) (local.get $len)))))
    (local.set $h (i32.wrap_i64 (i64.shr_u
      (i64.mul (i64.xor (local.get $key) (i64.extend_i32_u (local.get $len))) (i64.const 0x9E3779B97F4A7C15))
      (i64.const 32))))
    (local.set $info (i32.shl (local.get $len) (i32.const 27)))
    (local.set $s (i32.and (local.get $h) (global.get $wtMask)))
    (loop $probe
      (local.set $k (i32.add (global.get $wt) (i32.shl (local.get $s) (i32.const 4))))
      (local.set $x (i32.load offset=4 (local.get $k)))
      (if (i32.eqz (local.get $x))
        (then (return (call $addWord (local.get $k) (local.get $h) (local.get $info) (local.get $key)))))
      (if (i32.and
            (i32.and (i32.eq (i32.load (local.get $k)) (local.get $h))
                     (i32.eq (i32.and (local.get $x) (i32.const 0xF8000000)) (local.get $info)))
            (i64.eq (i64.load offset=8 (local.get $k)) (local.get $key)))
        (then (return (i32.and (local.get $x) (i32.const 0x07FFFFFF)))))
      (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $wtMask)))
      (br $probe))
    (unreachable))

  ;; a word of more than 8 bytes: compared with its copy in the pool
  (func $longId (param $a i32) (param $len i32) (result i32)
    (local $h i32) (local $s i32) (local $k i32) (local $x i32) (local $p i32)
    (local.set $h (call $hashBytes (local.get $a) (local.get $len)))
    (local.set $s (i32.and (local.get $h) (global.get $wtMask)))
    (loop $probe
      (local.set $k (i32.add (global.get $wt) (i32.shl (local.get $s) (i32.const 4))))
      (local.set $x (i32.load offset=4 (local.get $k)))
      (if (i32.eqz (local.get $x))
        (then
          (local.set $p (call $alloc (local.get $len)))
          (memory.copy (local.get $p) (local.get $a) (local.get $len))
          (return (call $addWord (local.get $k) (local.get $h) (i32.const 0x78000000)
            (i64.or (i64.extend_i32_u (local.get $p)) (i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 32)))))))
      (if (i32.and
            (i32.and (i32.eq (i32.load (local.get $k)) (local.get $h))
                     (i32.eq (i32.and (local.get $x) (i32.const 0xF8000000)) (i32.const 0x78000000)))
            (i32.eq (i32.load offset=12 (local.get $k)) (local.get $len)))
        (then
          (if (call $equal (i32.load offset=8 (local.get $k)) (local.get $a) (local.get $len))
            (then (return (i32.and (local.get $x) (i32.const 0x07FFFFFF)))))))
      (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $wtMask)))
      (br $probe))
    (unreachable))

  (func $addWord (param $k i32) (param $h i32) (param $info i32) (param $key i64) (result i32)
    (local $id i32)
    (local.set $id (global.get $wtSize))
    (global.set $wtSize (i32.add (local.get $id) (i32.const 1)))
    (i32.store (local.get $k) (local.get $h))
    (i32.store offset=4 (local.get $k) (i32.or (local.get $info) (local.get $id)))
    (i64.store offset=8 (local.get $k) (local.get $key))
    (if (i32.gt_u (i32.shl (global.get $wtSize) (i32.const 1)) (global.get $wtMask)) (then (call $growWords)))
    (local.get $id))

  ;; twice the slots; a new (zeroed) alphabet array as large (ids stay below half the slots). Only between
  ;; a segment's alphabet uses: `run` fetches all of a segment's lines before building its alphabet.
  (func $growWords
    (local $old i32) (local $end i32) (local $cap i32) (local $mask i32) (local $t i32) (local $s i32) (local $k i32)
    (local.set $old (global.get $wt))
    (local.set $end (i32.add (local.get $old) (i32.shl (i32.add (global.get $wtMask) (i32.const 1)) (i32.const 4))))
    (local.set $cap (i32.shl (i32.add (global.get $wtMask) (i32.const 1)) (i32.const 1)))
    (local.set $mask (i32.sub (local.get $cap) (i32.const 1)))
    (local.set $t (call $alloc (i32.shl (local.get $cap) (i32.const 4))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $old) (local.get $end)))
        (if (i32.load offset=4 (local.get $old))
          (then
            (local.set $s (i32.and (i32.load (local.get $old)) (local.get $mask)))
            (loop $probe
              (local.set $k (i32.add (local.get $t) (i32.shl (local.get $s) (i32.const 4))))
              (if (i32.load offset=4 (local.get $k))
                (then
                  (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
                  (br $probe))))
            (i64.store (local.get $k) (i64.load (local.get $old)))
            (i64.store offset=8 (local.get $k) (i64.load offset=8 (local.get $old)))))
        (local.set $old (i32.add (local.get $old) (i32.const 16)))
        (br $l)))
    (global.set $wt (local.get $t))
    (global.set $wtMask (local.get $mask))
    (global.set $alpha (call $alloc (i32.shl (local.get $cap) (i32.const 3)))))

  ;; ---- 13a on bytes (byte-spans.ts) ----

  ;; the length of the non-ASCII Python whitespace character at address i (before end), or 0
  (func $wsMulti (param $i i32) (param $end i32) (result i32)
    (local $c i32) (local $c1 i32) (local $c2 i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0xc2))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end)) (then (return (i32.const 0))))
        (local.set $c1 (i32.load8_u offset=1 (local.get $i)))
        (return (select (i32.const 2) (i32.const 0)
          (i32.or (i32.eq (local.get $c1) (i32.const 0x85)) (i32.eq (local.get $c1) (i32.const 0xa0)))))))
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 0))))
    (local.set $c1 (i32.load8_u offset=1 (local.get $i)))
    (local.set $c2 (i32.load8_u offset=2 (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0xe2))
      (then
        (if (i32.eq (local.get $c1) (i32.const 0x80))
          (then
            (return (select (i32.const 3) (i32.const 0)
              (i32.or
                (i32.or (i32.le_u (local.get $c2) (i32.const 0x8a)) (i32.eq (local.get $c2) (i32.const 0xa8)))
                (i32.or (i32.eq (local.get $c2) (i32.const 0xa9)) (i32.eq (local.get $c2) (i32.const 0xaf))))))))
        (return (select (i32.const 3) (i32.const 0)
          (i32.and (i32.eq (local.get $c1) (i32.const 0x81)) (i32.eq (local.get $c2) (i32.const 0x9f)))))))
    (if (i32.eq (local.get $c) (i32.const 0xe3))
      (then
        (return (select (i32.const 3) (i32.const 0)
          (i32.and (i32.eq (local.get $c1) (i32.const 0x80)) (i32.eq (local.get $c2) (i32.const 0x80)))))))
    (if (i32.eq (local.get $c) (i32.const 0xe1))
      (then
        (return (select (i32.const 3) (i32.const 0)
          (i32.and (i32.eq (local.get $c1) (i32.const 0x9a)) (i32.eq (local.get $c2) (i32.const 0x80)))))))
    (i32.const 0))

  ;; step 1 of 13a into gap (marks: 1 step 1, 2 step 2, 4 step 3, 8 step 4, 16 whitespace); returns
  ;; whether the line has a '<' or '&'
  (func $mark (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $k i32) (local $g i32) (local $np i32) (local $nd i32) (local $special i32)
    (local $len i32) (local $j i32)
    (local.set $g (global.get $gap))
    (i32.store8 (local.get $g) (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $k (i32.load8_u (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (block $next
          (block $other
            (br_if $other (local.get $k))
            (i32.store8 offset=1 (i32.add (local.get $g) (local.get $i)) (i32.const 0))
            (br $next))
          (if (i32.and (local.get $k) (i32.const 1))
            (then
              (i32.store8 (i32.add (local.get $g) (local.get $i))
                (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $i)))
                  (i32.or (i32.const 1) (select (i32.const 16) (i32.const 0) (i32.and (local.get $k) (i32.const 8))))))
              (i32.store8 offset=1 (i32.add (local.get $g) (local.get $i)) (i32.const 1))
              (local.set $special (i32.or (local.get $special) (i32.and (local.get $k) (i32.const 16))))
              (br $next)))
          (if (i32.eq (local.get $k) (i32.const 2))
            (then
              (i32.store (i32.add (global.get $periods) (i32.shl (local.get $np) (i32.const 2))) (local.get $i))
              (local.set $np (i32.add (local.get $np) (i32.const 1))))
            (else
              (if (i32.eq (local.get $k) (i32.const 4))
                (then
                  (i32.store (i32.add (global.get $dashes) (i32.shl (local.get $nd) (i32.const 2))) (local.get $i))
                  (local.set $nd (i32.add (local.get $nd) (i32.const 1))))
                (else
                  (if (i32.eq (local.get $k) (i32.const 32))
                    (then
                      ;; markMulti: a non-ASCII whitespace character marks all its bytes
                      (local.set $len (call $wsMulti (i32.add (local.get $p) (local.get $i)) (i32.add (local.get $p) (local.get $n))))
                      (if (local.get $len)
                        (then
                          (i32.store8 (i32.add (local.get $g) (local.get $i))
                            (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $i))) (i32.const 16)))
                          (local.set $j (i32.const 1))
                          (block $md
                            (loop $ml
                              (br_if $md (i32.ge_u (local.get $j) (local.get $len)))
                              (i32.store8 (i32.add (local.get $g) (i32.add (local.get $i) (local.get $j))) (i32.const 16))
                              (local.set $j (i32.add (local.get $j) (i32.const 1)))
                              (br $ml)))
                          (local.set $i (i32.add (local.get $i) (i32.sub (local.get $len) (i32.const 1)))))))
                    (else
                      (i32.store8 (i32.add (local.get $g) (local.get $i))
                        (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $i))) (i32.const 16)))))))))
          (i32.store8 offset=1 (i32.add (local.get $g) (local.get $i)) (i32.const 0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (global.set $nPeriods (local.get $np))
    (global.set $nDashes (local.get $nd))
    (i32.ne (local.get $special) (i32.const 0)))

  (func $isDigit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)))

  ;; steps 2-4 of 13a on mark's marks, then the tokens into spans/count
  (func $finish (param $p i32) (param $n i32)
    (local $g i32) (local $t i32) (local $j i32) (local $m i32) (local $prevPos i32) (local $prevMatched i32)
    (local.set $g (global.get $gap))
    ;; 2. ([^0-9])([.,]) -> '$1 $2 '; the padding before the first byte is a non-digit
    (local.set $prevPos (i32.const -2))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (global.get $nPeriods)))
        (local.set $j (i32.load (i32.add (global.get $periods) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $m
          (i32.or
            (i32.ne (i32.and (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 1)) (i32.const 0))
            (i32.and
              (i32.or (i32.eqz (local.get $j))
                (i32.eqz (call $isDigit (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $j)) (i32.const 1))))))
              (i32.eqz (i32.and (local.get $prevMatched)
                (i32.eq (local.get $prevPos) (i32.sub (local.get $j) (i32.const 1))))))))
        (if (local.get $m)
          (then
            (i32.store8 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 2)))
            (i32.store8 offset=1 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u offset=1 (i32.add (local.get $g) (local.get $j))) (i32.const 2)))))
        (local.set $prevPos (local.get $j))
        (local.set $prevMatched (local.get $m))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
    ;; 3. ([.,])([^0-9]) -> ' $1 $2'; the padding after the last byte is a non-digit
    (local.set $prevPos (i32.const -2))
    (local.set $prevMatched (i32.const 0))
    (local.set $t (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (global.get $nPeriods)))
        (local.set $j (i32.load (i32.add (global.get $periods) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $m (i32.const 0))
        (if (i32.eqz (i32.and
              (i32.and (local.get $prevMatched) (i32.eq (local.get $prevPos) (i32.sub (local.get $j) (i32.const 1))))
              (i32.eqz (i32.and (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 3)))))
          (then
            (local.set $m
              (i32.or
                (i32.or
                  (i32.ne (i32.and (i32.load8_u offset=1 (i32.add (local.get $g) (local.get $j))) (i32.const 3)) (i32.const 0))
                  (i32.ge_u (i32.add (local.get $j) (i32.const 1)) (local.get $n)))
                (i32.eqz (call $isDigit (i32.load8_u offset=1 (i32.add (local.get $p) (local.get $j)))))))))
        (if (local.get $m)
          (then
            (i32.store8 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 4)))
            (i32.store8 offset=1 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u offset=1 (i32.add (local.get $g) (local.get $j))) (i32.const 4)))))
        (local.set $prevPos (local.get $j))
        (local.set $prevMatched (local.get $m))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
    ;; 4. ([0-9])(-) -> '$1 $2 '
    (local.set $t (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (global.get $nDashes)))
        (local.set $j (i32.load (i32.add (global.get $dashes) (i32.shl (local.get $t) (i32.const 2)))))
        (if (i32.and
              (i32.and (i32.gt_s (local.get $j) (i32.const 0))
                (i32.eqz (i32.and (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 7))))
              (call $isDigit (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $j)) (i32.const 1)))))
          (then
            (i32.store8 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u (i32.add (local.get $g) (local.get $j))) (i32.const 8)))
            (i32.store8 offset=1 (i32.add (local.get $g) (local.get $j))
              (i32.or (i32.load8_u offset=1 (i32.add (local.get $g) (local.get $j))) (i32.const 8)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $l)))
    (call $collapse (local.get $p) (local.get $n)))

  ;; tokens: the runs of non-whitespace bytes with no inserted space inside
  (func $collapse (param $p i32) (param $n i32)
    (local $g i32) (local $i i32) (local $gi i32) (local $tok i32) (local $count i32) (local $sp i32)
    (local.set $g (global.get $gap))
    (local.set $sp (global.get $spans))
    (local.set $tok (i32.const -1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $gi (i32.load8_u (i32.add (local.get $g) (local.get $i))))
        (block $next
          (if (local.get $gi)
            (then
              (if (i32.ge_s (local.get $tok) (i32.const 0))
                (then
                  (i32.store (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $tok)))
                  (i32.store offset=4 (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $i)))
                  (local.set $count (i32.add (local.get $count) (i32.const 1)))
                  (local.set $tok (i32.const -1))))
              (br_if $next (i32.and (local.get $gi) (i32.const 16)))))
          (if (i32.lt_s (local.get $tok) (i32.const 0)) (then (local.set $tok (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (if (i32.ge_s (local.get $tok) (i32.const 0))
      (then
        (i32.store (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $tok)))
        (i32.store offset=4 (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $n)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))))
    (global.set $count (local.get $count)))

  ;; Python's str.split() (the `none` tokenizer) into spans/count
  (func $splitWs (param $p i32) (param $n i32)
    (local $i i32) (local $c i32) (local $ws i32) (local $tok i32) (local $count i32) (local $sp i32)
    (local.set $sp (global.get $spans))
    (local.set $tok (i32.const -1))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (local.set $ws
          (if (result i32) (i32.lt_u (local.get $c) (i32.const 0x80))
            (then (i32.shr_u (i32.and (i32.load8_u (local.get $c)) (i32.const 8)) (i32.const 3)))
            (else
              (if (result i32) (i32.or (i32.eq (local.get $c) (i32.const 0xc2)) (i32.ge_u (local.get $c) (i32.const 0xe1)))
                (then (call $wsMulti (i32.add (local.get $p) (local.get $i)) (i32.add (local.get $p) (local.get $n))))
                (else (i32.const 0))))))
        (if (local.get $ws)
          (then
            (if (i32.ge_s (local.get $tok) (i32.const 0))
              (then
                (i32.store (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $tok)))
                (i32.store offset=4 (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $i)))
                (local.set $count (i32.add (local.get $count) (i32.const 1)))
                (local.set $tok (i32.const -1))))
            (local.set $i (i32.add (local.get $i) (local.get $ws))))
          (else
            (if (i32.lt_s (local.get $tok) (i32.const 0)) (then (local.set $tok (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (br $l)))
    (if (i32.ge_s (local.get $tok) (i32.const 0))
      (then
        (i32.store (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $tok)))
        (i32.store offset=4 (i32.add (local.get $sp) (i32.shl (local.get $count) (i32.const 3))) (i32.add (local.get $p) (local.get $n)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))))
    (global.set $count (local.get $count)))

  ;; ---- lines to word ids, cached per distinct line ----

  ;; a line's entry: [count, word ids...]
  (func $tokenize (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $c i32) (local $ascii i32) (local $r i32) (local $off i32) (local $sp i32)
    (if (global.get $lower)
      (then
        ;; ASCII lines lowercased here; others by String.prototype.toLowerCase (env.lower)
        (local.set $ascii (i32.const 1))
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
            (if (i32.ge_u (local.get $c) (i32.const 0x80)) (then (local.set $ascii (i32.const 0)) (br $done)))
            (i32.store8 (i32.add (global.get $scrA) (local.get $i))
              (select (i32.add (local.get $c) (i32.const 0x20)) (local.get $c)
                (i32.lt_u (i32.sub (local.get $c) (i32.const 0x41)) (i32.const 26))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (if (i32.eqz (local.get $ascii))
          (then (local.set $n (call $lowerCb (local.get $p) (local.get $n) (global.get $scrA)))))
        (local.set $p (global.get $scrA))))
    (if (i32.eq (global.get $mode) (i32.const 1))
      (then
        (if (call $mark (local.get $p) (local.get $n))
          (then
            (local.set $r (call $rewriteCb (local.get $p) (local.get $n) (global.get $scrB)))
            (if (i32.ge_s (local.get $r) (i32.const 0))
              (then
                (local.set $p (global.get $scrB))
                (local.set $n (local.get $r))
                (drop (call $mark (local.get $p) (local.get $n)))))))
        (call $finish (local.get $p) (local.get $n)))
      (else (call $splitWs (local.get $p) (local.get $n))))
    (local.set $off (call $alloc (i32.shl (i32.add (global.get $count) (i32.const 1)) (i32.const 2))))
    (i32.store (local.get $off) (global.get $count))
    (local.set $sp (global.get $spans))
    (local.set $i (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (global.get $count)))
        (i32.store offset=4 (i32.add (local.get $off) (i32.shl (local.get $i) (i32.const 2)))
          (call $wordId (i32.load (local.get $sp)) (i32.sub (i32.load offset=4 (local.get $sp)) (i32.load (local.get $sp)))))
        (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $off))

  ;; the entry of the line p[0 .. n) (keyed by its bytes as given, before lowercasing)
  (func $line (param $p i32) (param $n i32) (result i32)
    (local $h i32) (local $s i32) (local $k i32) (local $off i32)
    (local.set $h (call $hashBytes (local.get $p) (local.get $n)))
    (local.set $s (i32.and (local.get $h) (global.get $lcMask)))
    (loop $probe
      (local.set $k (i32.add (global.get $lc) (i32.shl (local.get $s) (i32.const 4))))
      (local.set $off (i32.load offset=12 (local.get $k)))
      (if (local.get $off)
        (then
          (if (i32.and (i32.eq (i32.load (local.get $k)) (local.get $h)) (i32.eq (i32.load offset=8 (local.get $k)) (local.get $n)))
            (then
              (if (call $equal (i32.load offset=4 (local.get $k)) (local.get $p) (local.get $n))
                (then (return (local.get $off))))))
          (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $lcMask)))
          (br $probe))))
    (local.set $off (call $tokenize (local.get $p) (local.get $n)))
    (i32.store (local.get $k) (local.get $h))
    (i32.store offset=4 (local.get $k) (local.get $p))
    (i32.store offset=8 (local.get $k) (local.get $n))
    (i32.store offset=12 (local.get $k) (local.get $off))
    (global.set $lcUsed (i32.add (global.get $lcUsed) (i32.const 1)))
    (if (i32.gt_u (i32.shl (global.get $lcUsed) (i32.const 1)) (global.get $lcMask)) (then (call $growLines)))
    (local.get $off))

  (func $growLines
    (local $old i32) (local $end i32) (local $cap i32) (local $mask i32) (local $t i32) (local $s i32) (local $k i32)
    (local.set $old (global.get $lc))
    (local.set $end (i32.add (local.get $old) (i32.shl (i32.add (global.get $lcMask) (i32.const 1)) (i32.const 4))))
    (local.set $cap (i32.shl (i32.add (global.get $lcMask) (i32.const 1)) (i32.const 1)))
    (local.set $mask (i32.sub (local.get $cap) (i32.const 1)))
    (local.set $t (call $alloc (i32.shl (local.get $cap) (i32.const 4))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $old) (local.get $end)))
        (if (i32.load offset=12 (local.get $old))
          (then
            (local.set $s (i32.and (i32.load (local.get $old)) (local.get $mask)))
            (loop $probe
              (local.set $k (i32.add (local.get $t) (i32.shl (local.get $s) (i32.const 4))))
              (if (i32.load offset=12 (local.get $k))
                (then
                  (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
                  (br $probe))))
            (i64.store (local.get $k) (i64.load (local.get $old)))
            (i64.store offset=8 (local.get $k) (i64.load offset=8 (local.get $old)))))
        (local.set $old (i32.add (local.get $old) (i32.const 16)))
        (br $l)))
    (global.set $lc (local.get $t))
    (global.set $lcMask (local.get $mask)))

  ;; ---- n-gram counting (bleu.ts's countSegment) ----
  ;; The n-gram table's insert and find are written out in the loops: V8 (Node 20) does not inline calls
  ;; between WebAssembly functions, and a call per n-gram cost about a fifth of the kernel's time. For
  ;; the same reason the loops keep globals in locals.

  ;; One segment: hypothesis entry hOff, references' entries in refOffs[0 .. nr); the statistics row
  ;; [hypLen, closest ref length, correct 1..N, total 1..N] as f64 at o.
  (func $segment (param $hOff i32) (param $nr i32) (param $o i32)
    (local $hypLen i32) (local $i i32) (local $x i32) (local $ap i32) (local $A i32) (local $total i32)
    (local $n i32) (local $cnt i32) (local $cap i32) (local $h i32) (local $id i32) (local $K i32)
    (local $cnts i32) (local $k i32) (local $rOff i32) (local $len i32) (local $p i32) (local $c i32)
    (local $correct i32) (local $j i32) (local $e i32) (local $N i32) (local $best i32) (local $bestDiff i32)
    (local $diff i32) (local $s i32) (local $slot i32)
    (local $alpha i32) (local $agen i32) (local $hyp i32) (local $prev i32) (local $hids i32) (local $items i32)
    (local $ng i32) (local $mask i32) (local $gen i32) (local $next i32) (local $seen i32) (local $direct i32)
    (local.set $N (global.get $N))
    (local.set $alpha (global.get $alpha))
    (local.set $hyp (global.get $hyp))
    (local.set $prev (global.get $prev))
    (local.set $hids (global.get $hids))
    (local.set $items (global.get $items))
    (local.set $ng (global.get $ng))
    (local.set $seen (global.get $seen))
    (local.set $hypLen (i32.load (local.get $hOff)))
    ;; the hypothesis's alphabet: its distinct words numbered 0, 1, 2, ... (unigram ids)
    (local.set $agen (i32.add (global.get $agen) (i32.const 1)))
    (global.set $agen (local.get $agen))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $hypLen)))
        (local.set $ap (i32.add (local.get $alpha)
          (i32.shl (i32.load offset=4 (i32.add (local.get $hOff) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
        (if (i32.ne (i32.load (local.get $ap)) (local.get $agen))
          (then
            (i32.store (local.get $ap) (local.get $agen))
            (i32.store offset=4 (local.get $ap) (local.get $A))
            (local.set $A (i32.add (local.get $A) (i32.const 1)))))
        (i32.store (i32.add (local.get $hyp) (i32.shl (local.get $i) (i32.const 2))) (i32.load offset=4 (local.get $ap)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    ;; a small alphabet numbers bigrams directly, A + c1 * A + c2 (seen: the hypothesis has it, cleared
    ;; again at the end of the segment), as countSegment does: a third fewer table operations
    (local.set $direct (i32.and (i32.ge_u (local.get $N) (i32.const 2)) (i32.le_u (local.get $A) (i32.const 64))))
    (local.set $next
      (select (i32.add (local.get $A) (i32.mul (local.get $A) (local.get $A))) (local.get $A) (local.get $direct)))
    ;; the n-gram table, sized for this segment (at most half full; small tables stay in L1 cache)
    (local.set $n (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (local.get $n) (local.get $N)))
        (local.set $cnt (i32.sub (i32.add (local.get $hypLen) (i32.const 1)) (local.get $n)))
        (if (i32.gt_s (local.get $cnt) (i32.const 0)) (then (local.set $total (i32.add (local.get $total) (local.get $cnt)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $l)))
    (local.set $cap (i32.const 64))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $cap) (i32.shl (local.get $total) (i32.const 1))))
        (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
        (br $l)))
    (local.set $mask (i32.sub (local.get $cap) (i32.const 1)))
    (local.set $gen (i32.add (global.get $ngGen) (i32.const 1)))
    (global.set $ngGen (local.get $gen))
    ;; hids: the hypothesis's n-gram ids order by order (order n from ends[n - 1]); unigram ids are the
    ;; alphabet ids, higher orders (prefix id, last word) pairs numbered from `next`
    (i32.store (global.get $ends) (i32.const 0))
    (local.set $n (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (local.get $n) (local.get $N)))
        (local.set $cnt (i32.sub (i32.add (local.get $hypLen) (i32.const 1)) (local.get $n)))
        (local.set $i (i32.const 0))
        (block $d2
          (loop $l2
            (br_if $d2 (i32.ge_s (local.get $i) (local.get $cnt)))
            (local.set $x (i32.load (i32.add (local.get $hyp) (i32.shl (i32.add (local.get $i) (i32.sub (local.get $n) (i32.const 1))) (i32.const 2)))))
            (block $got
              (if (i32.eq (local.get $n) (i32.const 1))
                (then (local.set $id (local.get $x)) (br $got)))
              (local.set $p (i32.load (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2)))))
              (if (i32.and (local.get $direct) (i32.eq (local.get $n) (i32.const 2)))
                (then
                  (local.set $id (i32.add (local.get $A) (i32.add (i32.mul (local.get $p) (local.get $A)) (local.get $x))))
                  (i32.store8 (i32.add (local.get $seen) (local.get $id)) (i32.const 1))
                  (br $got)))
              ;; insert (p, x)
              (local.set $s (i32.xor (i32.mul (local.get $p) (i32.const 0x9e3779b1))
                (i32.mul (i32.add (local.get $x) (i32.const 0x7f4a7c15)) (i32.const 0x85ebca77))))
              (local.set $s (i32.and (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 15))) (local.get $mask)))
              (loop $probe
                (local.set $slot (i32.add (local.get $ng) (i32.shl (local.get $s) (i32.const 4))))
                (if (i32.ne (i32.load (local.get $slot)) (local.get $gen))
                  (then
                    (local.set $id (local.get $next))
                    (local.set $next (i32.add (local.get $next) (i32.const 1)))
                    (i32.store (local.get $slot) (local.get $gen))
                    (i32.store offset=4 (local.get $slot) (local.get $p))
                    (i32.store offset=8 (local.get $slot) (local.get $x))
                    (i32.store offset=12 (local.get $slot) (local.get $id))
                    (br $got)))
                (if (i32.and (i32.eq (i32.load offset=4 (local.get $slot)) (local.get $p))
                      (i32.eq (i32.load offset=8 (local.get $slot)) (local.get $x)))
                  (then (local.set $id (i32.load offset=12 (local.get $slot))) (br $got)))
                (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
                (br $probe)))
            (i32.store (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
            (i32.store (i32.add (local.get $hids) (i32.shl (local.get $h) (i32.const 2))) (local.get $id))
            (local.set $h (i32.add (local.get $h) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l2)))
        (i32.store (i32.add (global.get $ends) (i32.shl (local.get $n) (i32.const 2))) (local.get $h))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $l)))
    (local.set $K (local.get $h))
    ;; rm: the max count per n-gram over the references (one reference: its counts, cnts = rm). The
    ;; references count only n-grams of the hypothesis, so only those counts are zeroed (hids), not the
    ;; whole id range (a fill of the direct-bigram range per segment cost more than the counting).
    (local.set $j (i32.const 0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $j) (local.get $K)))
        (i32.store (i32.add (global.get $rm) (i32.shl (i32.load (i32.add (local.get $hids) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))
          (i32.const 0))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l)))
    (local.set $cnts (select (global.get $rm) (global.get $tmp) (i32.eq (local.get $nr) (i32.const 1))))
    (local.set $bestDiff (i32.const -1))
    (local.set $best (i32.const -1))
    (local.set $k (i32.const 0))
    (block $refsDone
      (loop $refs
        (br_if $refsDone (i32.ge_u (local.get $k) (local.get $nr)))
        (local.set $rOff (i32.load (i32.add (global.get $refOffs) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $len (i32.load (local.get $rOff)))
        ;; sacreBLEU's closest reference length: smallest |hyp - ref|, ties to the shorter
        (local.set $diff (i32.sub (local.get $hypLen) (local.get $len)))
        (if (i32.lt_s (local.get $diff) (i32.const 0)) (then (local.set $diff (i32.sub (i32.const 0) (local.get $diff)))))
        (if (i32.or (i32.eq (local.get $bestDiff) (i32.const -1)) (i32.lt_s (local.get $diff) (local.get $bestDiff)))
          (then (local.set $bestDiff (local.get $diff)) (local.set $best (local.get $len)))
          (else
            (if (i32.and (i32.eq (local.get $diff) (local.get $bestDiff)) (i32.lt_s (local.get $len) (local.get $best)))
              (then (local.set $best (local.get $len))))))
        (if (i32.ne (local.get $nr) (i32.const 1))
          (then
            (local.set $j (i32.const 0))
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $j) (local.get $K)))
                (i32.store (i32.add (global.get $tmp) (i32.shl (i32.load (i32.add (local.get $hids) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2)))
                  (i32.const 0))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $l)))))
        ;; unigrams: the reference's words as alphabet ids (-1: not in the hypothesis), counted
        (local.set $i (i32.const 0))
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
            (local.set $ap (i32.add (local.get $alpha)
              (i32.shl (i32.load offset=4 (i32.add (local.get $rOff) (i32.shl (local.get $i) (i32.const 2)))) (i32.const 3))))
            (local.set $id (select (i32.load offset=4 (local.get $ap)) (i32.const -1) (i32.eq (i32.load (local.get $ap)) (local.get $agen))))
            (i32.store (i32.add (local.get $items) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
            (i32.store (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
            (if (i32.ge_s (local.get $id) (i32.const 0))
              (then
                (local.set $x (i32.add (local.get $cnts) (i32.shl (local.get $id) (i32.const 2))))
                (i32.store (local.get $x) (i32.add (i32.load (local.get $x)) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $l)))
        (local.set $n (i32.const 2))
        (block $done
          (loop $l
            (br_if $done (i32.gt_u (local.get $n) (local.get $N)))
            (local.set $cnt (i32.sub (i32.add (local.get $len) (i32.const 1)) (local.get $n)))
            (local.set $i (i32.const 0))
            (block $d2
              (loop $l2
                (br_if $d2 (i32.ge_s (local.get $i) (local.get $cnt)))
                (block $skip
                  (local.set $p (i32.load (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2)))))
                  ;; an n-gram with an unknown prefix is unknown
                  (br_if $skip (i32.eq (local.get $p) (i32.const -1)))
                  (local.set $c (i32.load (i32.add (local.get $items) (i32.shl (i32.add (local.get $i) (i32.sub (local.get $n) (i32.const 1))) (i32.const 2)))))
                  (block $got
                    (local.set $id (i32.const -1))
                    (br_if $got (i32.eq (local.get $c) (i32.const -1)))
                    (if (i32.and (local.get $direct) (i32.eq (local.get $n) (i32.const 2)))
                      (then
                        (local.set $id (i32.add (local.get $A) (i32.add (i32.mul (local.get $p) (local.get $A)) (local.get $c))))
                        (if (i32.eqz (i32.load8_u (i32.add (local.get $seen) (local.get $id)))) (then (local.set $id (i32.const -1))))
                        (br $got)))
                    ;; find (p, c)
                    (local.set $s (i32.xor (i32.mul (local.get $p) (i32.const 0x9e3779b1))
                      (i32.mul (i32.add (local.get $c) (i32.const 0x7f4a7c15)) (i32.const 0x85ebca77))))
                    (local.set $s (i32.and (i32.xor (local.get $s) (i32.shr_u (local.get $s) (i32.const 15))) (local.get $mask)))
                    (loop $probe
                      (local.set $slot (i32.add (local.get $ng) (i32.shl (local.get $s) (i32.const 4))))
                      (br_if $got (i32.ne (i32.load (local.get $slot)) (local.get $gen)))
                      (if (i32.and (i32.eq (i32.load offset=4 (local.get $slot)) (local.get $p))
                            (i32.eq (i32.load offset=8 (local.get $slot)) (local.get $c)))
                        (then (local.set $id (i32.load offset=12 (local.get $slot))) (br $got)))
                      (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
                      (br $probe)))
                  (i32.store (i32.add (local.get $prev) (i32.shl (local.get $i) (i32.const 2))) (local.get $id))
                  (if (i32.ge_s (local.get $id) (i32.const 0))
                    (then
                      (local.set $x (i32.add (local.get $cnts) (i32.shl (local.get $id) (i32.const 2))))
                      (i32.store (local.get $x) (i32.add (i32.load (local.get $x)) (i32.const 1))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l2)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $l)))
        (if (i32.ne (local.get $nr) (i32.const 1))
          (then
            (local.set $j (i32.const 0))
            (block $done
              (loop $l
                (br_if $done (i32.ge_u (local.get $j) (local.get $K)))
                (local.set $id (i32.load (i32.add (local.get $hids) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $x (i32.load (i32.add (global.get $tmp) (i32.shl (local.get $id) (i32.const 2)))))
                (if (i32.gt_s (local.get $x) (i32.load (i32.add (global.get $rm) (i32.shl (local.get $id) (i32.const 2)))))
                  (then (i32.store (i32.add (global.get $rm) (i32.shl (local.get $id) (i32.const 2))) (local.get $x))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $l)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $refs)))
    (if (local.get $direct)
      (then
        (local.set $j (i32.load offset=4 (global.get $ends)))
        (local.set $e (i32.load offset=8 (global.get $ends)))
        (block $done
          (loop $l
            (br_if $done (i32.ge_u (local.get $j) (local.get $e)))
            (i32.store8 (i32.add (local.get $seen) (i32.load (i32.add (local.get $hids) (i32.shl (local.get $j) (i32.const 2))))) (i32.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l)))))
    (f64.store (local.get $o) (f64.convert_i32_s (local.get $hypLen)))
    (f64.store offset=8 (local.get $o) (f64.convert_i32_s (local.get $best)))
    ;; clipped matches: each hypothesis occurrence takes one of the remaining reference occurrences
    (local.set $n (i32.const 1))
    (block $done
      (loop $l
        (br_if $done (i32.gt_u (local.get $n) (local.get $N)))
        (local.set $correct (i32.const 0))
        (local.set $j (i32.load (i32.add (global.get $ends) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 2)))))
        (local.set $e (i32.load (i32.add (global.get $ends) (i32.shl (local.get $n) (i32.const 2)))))
        (f64.store offset=16
          (i32.add (local.get $o) (i32.shl (i32.add (local.get $N) (i32.sub (local.get $n) (i32.const 1))) (i32.const 3)))
          (f64.convert_i32_s (i32.sub (local.get $e) (local.get $j))))
        (block $d2
          (loop $l2
            (br_if $d2 (i32.ge_u (local.get $j) (local.get $e)))
            (local.set $x (i32.add (global.get $rm)
              (i32.shl (i32.load (i32.add (local.get $hids) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 2))))
            (local.set $c (i32.load (local.get $x)))
            (if (i32.gt_s (local.get $c) (i32.const 0))
              (then
                (local.set $correct (i32.add (local.get $correct) (i32.const 1)))
                (i32.store (local.get $x) (i32.sub (local.get $c) (i32.const 1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $l2)))
        (f64.store offset=16
          (i32.add (local.get $o) (i32.shl (i32.sub (local.get $n) (i32.const 1)) (i32.const 3)))
          (f64.convert_i32_s (local.get $correct)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $l))))

;; ---- lines of a text (TextLines.fromBytes on bytes in a KernelArena) ----

  ;; How many lines the bytes [p, p + n) hold: their "\n"s, plus a last line without one. 16 bytes at a
  ;; time (SIMD): Buffer.indexOf per line cost about 12 ms per 12 MB file, a call per line.
  (func (export "countLines") (param $p i32) (param $n i32) (result i32)
    (local $e i32) (local $count i32) (local $nl v128)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $e (i32.add (local.get $p) (i32.and (local.get $n) (i32.const -16))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (local.set $count (i32.add (local.get $count)
          (i32.popcnt (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (local.get $nl))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $l)))
    (local.set $e (i32.add (local.get $e) (i32.and (local.get $n) (i32.const 15))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
        (if (i32.eq (i32.load8_u (local.get $p)) (i32.const 10)) (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $l)))
    ;; a last line without "\n"
    (if (i32.and (i32.gt_u (local.get $n) (i32.const 0))
          (i32.ne (i32.load8_u (i32.sub (local.get $e) (i32.const 1))) (i32.const 10)))
      (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
    (local.get $count))

  ;; The lines of [p, p + n) as offsets from p: line i is [starts[i], ends[i]), without its "\n" and, with
  ;; rstrip, without trailing Python whitespace (text-lines.ts's splitting, byte for byte).
  (func (export "splitLines") (param $p i32) (param $n i32) (param $rstrip i32) (param $s i32) (param $e i32)
    (local $i i32) (local $end i32) (local $start i32) (local $bits i32) (local $nl v128) (local $k i32) (local $line i32)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $end (i32.and (local.get $n) (i32.const -16)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $bits (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $p) (local.get $i))) (local.get $nl))))
        (block $bd
          (loop $bl
            (br_if $bd (i32.eqz (local.get $bits)))
            (local.set $k (i32.add (local.get $i) (i32.ctz (local.get $bits))))
            (call $emitLine (local.get $p) (local.get $start) (local.get $k) (local.get $rstrip)
              (i32.add (local.get $s) (local.get $line)) (i32.add (local.get $e) (local.get $line)))
            (local.set $line (i32.add (local.get $line) (i32.const 4)))
            (local.set $start (i32.add (local.get $k) (i32.const 1)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br $bl)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $i))) (i32.const 10))
          (then
            (call $emitLine (local.get $p) (local.get $start) (local.get $i) (local.get $rstrip)
              (i32.add (local.get $s) (local.get $line)) (i32.add (local.get $e) (local.get $line)))
            (local.set $line (i32.add (local.get $line) (i32.const 4)))
            (local.set $start (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (if (i32.lt_u (local.get $start) (local.get $n))
      (then
        (call $emitLine (local.get $p) (local.get $start) (local.get $n) (local.get $rstrip)
          (i32.add (local.get $s) (local.get $line)) (i32.add (local.get $e) (local.get $line))))))

  ;; one line [start, end) (offsets from p), right-stripped if asked (utf8.ts's pyWsBefore, repeated)
  (func $emitLine (param $p i32) (param $start i32) (param $end i32) (param $rstrip i32) (param $ps i32) (param $pe i32)
    (local $c i32) (local $w i32)
    (if (local.get $rstrip)
      (then
        (block $done
          (loop $l
            (br_if $done (i32.le_s (local.get $end) (local.get $start)))
            (local.set $c (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $end) (i32.const 1)))))
            (local.set $w (i32.const 0))
            (if (i32.lt_u (local.get $c) (i32.const 0x80))
              (then (local.set $w (i32.shr_u (i32.and (i32.load8_u (local.get $c)) (i32.const 8)) (i32.const 3))))
              (else
                (if (i32.and (i32.ge_s (i32.sub (local.get $end) (i32.const 2)) (local.get $start))
                      (i32.eq (i32.load8_u (i32.add (local.get $p) (i32.sub (local.get $end) (i32.const 2)))) (i32.const 0xc2)))
                  (then (local.set $w (select (i32.const 2) (i32.const 0)
                    (i32.or (i32.eq (local.get $c) (i32.const 0x85)) (i32.eq (local.get $c) (i32.const 0xa0))))))
                  (else
                    (if (i32.ge_s (i32.sub (local.get $end) (i32.const 3)) (local.get $start))
                      (then
                        (if (i32.eq (call $wsMulti (i32.add (local.get $p) (i32.sub (local.get $end) (i32.const 3)))
                              (i32.add (local.get $p) (local.get $end))) (i32.const 3))
                          (then (local.set $w (i32.const 3))))))))))
            (br_if $done (i32.eqz (local.get $w)))
            (local.set $end (i32.sub (local.get $end) (local.get $w)))
            (br $l)))))
    (i32.store (local.get $ps) (local.get $start))
    (i32.store (local.get $pe) (local.get $end)))

  ;; The longest line of a stream: lines i < n are bytes [starts[i], ends[i]) (i32 arrays at s and e).
  (func (export "maxSpan") (param $s i32) (param $e i32) (param $n i32) (result i32)
    (local $i i32) (local $len i32) (local $max i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $len (i32.sub (i32.load (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 2))))
          (i32.load (i32.add (local.get $s) (i32.shl (local.get $i) (i32.const 2))))))
        (if (i32.gt_s (local.get $len) (local.get $max)) (then (local.set $max (local.get $len))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $max))

  ;; The statistics rows of nseg segments. streams: per stream (hypotheses first, then each reference
  ;; stream) [bytes address, starts address, ends address] (i32): line i is bytes[starts[i] .. ends[i]).
  ;; out: nseg rows of 2 + 2N f64.
  (func (export "run") (param $nseg i32) (param $nstreams i32) (param $streams i32) (param $out i32)
    (local $s i32) (local $k i32) (local $off i32) (local $hOff i32) (local $d i32) (local $width i32) (local $at i32)
    (global.set $refOffs (call $alloc (i32.shl (local.get $nstreams) (i32.const 2))))
    (local.set $width (i32.shl (i32.add (i32.const 2) (i32.shl (global.get $N) (i32.const 1))) (i32.const 3)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $s) (local.get $nseg)))
        ;; every line of the segment first: they may grow the word table (and renew the alphabet array)
        (local.set $at (i32.shl (local.get $s) (i32.const 2)))
        (local.set $k (i32.const 0))
        (block $d2
          (loop $l2
            (br_if $d2 (i32.ge_u (local.get $k) (local.get $nstreams)))
            (local.set $d (i32.add (local.get $streams) (i32.mul (local.get $k) (i32.const 12))))
            (local.set $off
              (call $line
                (i32.add (i32.load (local.get $d)) (i32.load (i32.add (i32.load offset=4 (local.get $d)) (local.get $at))))
                (i32.sub (i32.load (i32.add (i32.load offset=8 (local.get $d)) (local.get $at)))
                  (i32.load (i32.add (i32.load offset=4 (local.get $d)) (local.get $at))))))
            (if (local.get $k)
              (then (i32.store (i32.add (global.get $refOffs) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2))) (local.get $off)))
              (else (local.set $hOff (local.get $off))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $l2)))
        (call $segment (local.get $hOff) (i32.sub (local.get $nstreams) (i32.const 1))
          (i32.add (local.get $out) (i32.mul (local.get $s) (local.get $width))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $l))))
)
