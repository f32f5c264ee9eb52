;; Training's counting in WebAssembly (count-kernel.ts, for count-bytes.ts): UTF-8 lines → padded sentences of
;; raw word ids, the words interned as they are met, then (once the vocabulary has fixed the ids) the n-grams
;; of each order counted by radix-sorting packed keys. Why: on Brown's training text (1.07M words) the
;; JavaScript scan took ~42 ms and the bigram top-order radix sort ~37 ms of a ~110–130 ms bigram training
;; call, and the trigram's bucket counting ~100 ms; and each call's fresh arrays cost page faults (~0.5 ms a
;; MB here), which grew to a third more time after the process had idled a minute (the bench's NLTK runs).
;; This memory is kept from call to call (count-kernel.ts says how much, and when it is let go).
;;
;; The scan keeps byte-words.ts's rules exactly (lines end at 10; words split on JavaScript's `\s`: 32, 9..13
;; and the multi-byte spaces of `spaceAt`), and its table is `ByteWordIndex`'s, slot for slot: 16-byte slots
;; (id + 1, 0 = empty; tag = the hash's high 24 bits and the length, 255 for 255 or more; the first 8 bytes as
;; two i32), `hashWord`, linear probing, ids in insertion order, the words' bytes in an arena with their
;; offsets, the table doubled (rehashed in id order) when more than half full. So count-kernel.ts copies the
;; tables out into a `ByteWordIndex` equal to the one the JavaScript scan builds (tested).
;;
;; Counting (per order k >= 2): `keys` packs each position's (order-(k-1) entry, last word) key — with the
;; position below it when the next order needs each position's entry — into i32 or i64 values and histograms
;; their digits in the same pass; `radix32`/`radix64` sort them (LSD, stable, a pass whose digit is constant
;; moves nothing); `runs` turns runs of equal keys into the trie's entries (word, parent, count), each
;; context's child start and total, and each position's entry for the next order.
;;
;; Build: `pnpm build:wasm` (scripts/wat-to-ts.mjs) writes count-kernel.wasm.ts.
(module
  (memory (export "memory") 1)

  ;; the word table (see above) and the scanned text's output
  (global $slots (mut i32) (i32.const 0))
  (global $mask (mut i32) (i32.const 0))
  (global $arena (mut i32) (i32.const 0))
  (global $arenaLen (mut i32) (i32.const 0))
  (global $offs (mut i32) (i32.const 0))
  (global $cnt (mut i32) (i32.const 0)) ;; f64 raw count per raw id
  (global $n (mut i32) (i32.const 0))
  (global $ids (mut i32) (i32.const 0))
  (global $len (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))

  (func (export "words") (result i32) (global.get $n))
  (func (export "arenaLen") (result i32) (global.get $arenaLen))
  (func (export "mask") (result i32) (global.get $mask))
  (func (export "len") (result i32) (global.get $len))
  (func (export "sentences") (result i32) (global.get $count))

  ;; An empty table of `cap` slots at `slots` (last in memory: it grows upward), an empty arena, no ids.
  (func (export "setup") (param $slots i32) (param $cap i32) (param $arena i32) (param $offs i32) (param $cnt i32)
                         (param $ids i32) (param $ends i32)
    (global.set $slots (local.get $slots))
    (global.set $mask (i32.sub (local.get $cap) (i32.const 1)))
    (global.set $arena (local.get $arena))
    (global.set $arenaLen (i32.const 0))
    (global.set $offs (local.get $offs))
    (global.set $cnt (local.get $cnt))
    (global.set $n (i32.const 0))
    (global.set $ids (local.get $ids))
    (global.set $len (i32.const 0))
    (global.set $ends (local.get $ends))
    (global.set $count (i32.const 0))
    (memory.fill (local.get $slots) (i32.const 0) (i32.shl (local.get $cap) (i32.const 4)))
    (i32.store (local.get $offs) (i32.const 0)))

  ;; The scanned ids and sentence ends moved (by count-kernel.ts) to ids and ends
  (func (export "place") (param $ids i32) (param $ends i32)
    (global.set $ids (local.get $ids))
    (global.set $ends (local.get $ends)))

  ;; How many bytes 10 in [pos, end) (8 at a time: a byte of v ^ 0x0a.. is zero exactly where its flag is set).
  (func (export "lines") (param $pos i32) (param $end i32) (result i32)
    (local $n i32) (local $x i64)
    (block $done (loop $wide
      (br_if $done (i32.gt_u (i32.add (local.get $pos) (i32.const 8)) (local.get $end)))
      (local.set $x (i64.xor (i64.load (local.get $pos)) (i64.const 0x0a0a0a0a0a0a0a0a)))
      (local.set $x (i64.and (i64.xor (i64.or (i64.add (i64.and (local.get $x) (i64.const 0x7f7f7f7f7f7f7f7f))
                                                        (i64.const 0x7f7f7f7f7f7f7f7f))
                                               (local.get $x))
                                      (i64.const -1))
                             (i64.const 0x8080808080808080)))
      (local.set $n (i32.add (local.get $n) (i32.wrap_i64 (i64.popcnt (local.get $x)))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 8)))
      (br $wide)))
    (block $done (loop $tail
      (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
      (local.set $n (i32.add (local.get $n) (i32.eq (i32.load8_u (local.get $pos)) (i32.const 10))))
      (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
      (br $tail)))
    (local.get $n))

  ;; byte-words.ts's `spaceAt` for a byte >= 0x80 at p: the byte length of the JavaScript `\s` space there, or 0
  (func $spaceAt (param $p i32) (param $end i32) (result i32)
    (local $c i32) (local $c1 i32) (local $c2 i32)
    (local.set $c (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 0xc2))
      (then (return (select (i32.const 2) (i32.const 0)
                            (i32.and (i32.lt_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
                                     (i32.eq (i32.load8_u offset=1 (local.get $p)) (i32.const 0xa0)))))))
    (if (i32.or (i32.or (i32.lt_u (local.get $c) (i32.const 0xe1)) (i32.gt_u (local.get $c) (i32.const 0xef)))
                (i32.ge_u (i32.add (local.get $p) (i32.const 2)) (local.get $end)))
      (then (return (i32.const 0))))
    (local.set $c1 (i32.load8_u offset=1 (local.get $p)))
    (local.set $c2 (i32.load8_u offset=2 (local.get $p)))
    (if (i32.eq (local.get $c) (i32.const 0xe1))
      (then (return (select (i32.const 3) (i32.const 0)
                            (i32.and (i32.eq (local.get $c1) (i32.const 0x9a)) (i32.eq (local.get $c2) (i32.const 0x80)))))))
    (if (i32.eq (local.get $c) (i32.const 0xe2))
      (then
        (if (i32.eq (local.get $c1) (i32.const 0x80))
          (then (return (select (i32.const 3) (i32.const 0)
                                (i32.or (i32.or (i32.le_u (local.get $c2) (i32.const 0x8a)) (i32.eq (local.get $c2) (i32.const 0xa8)))
                                        (i32.or (i32.eq (local.get $c2) (i32.const 0xa9)) (i32.eq (local.get $c2) (i32.const 0xaf))))))))
        (return (select (i32.const 3) (i32.const 0)
                        (i32.and (i32.eq (local.get $c1) (i32.const 0x81)) (i32.eq (local.get $c2) (i32.const 0x9f)))))))
    (if (i32.eq (local.get $c) (i32.const 0xe3))
      (then (return (select (i32.const 3) (i32.const 0)
                            (i32.and (i32.eq (local.get $c1) (i32.const 0x80)) (i32.eq (local.get $c2) (i32.const 0x80)))))))
    (if (i32.eq (local.get $c) (i32.const 0xef))
      (then (return (select (i32.const 3) (i32.const 0)
                            (i32.and (i32.eq (local.get $c1) (i32.const 0xbb)) (i32.eq (local.get $c2) (i32.const 0xbf)))))))
    (i32.const 0))

  ;; `headBytes(b, p, p + wl, 0)` and `headBytes(.., 4)`: the word's first 4 and next 4 bytes, zero past its end
  (func $lo (param $p i32) (param $wl i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $wl) (i32.const 4))
      (then (i32.and (i32.load (local.get $p)) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $wl) (i32.const 3))) (i32.const 1))))
      (else (i32.load (local.get $p)))))
  (func $hi (param $p i32) (param $wl i32) (result i32)
    (if (result i32) (i32.le_u (local.get $wl) (i32.const 4))
      (then (i32.const 0))
      (else
        (if (result i32) (i32.lt_u (local.get $wl) (i32.const 8))
          (then (i32.and (i32.load offset=4 (local.get $p))
                         (i32.sub (i32.shl (i32.const 1) (i32.shl (i32.sub (local.get $wl) (i32.const 4)) (i32.const 3))) (i32.const 1))))
          (else (i32.load offset=4 (local.get $p)))))))

  ;; byte-words.ts's `hashWord`
  (func $hash (param $p i32) (param $wl i32) (param $lo i32) (param $hi i32) (result i32)
    (local $h i32) (local $k i32)
    (local.set $h (i32.xor (i32.mul (local.get $lo) (i32.const 0x9e3779b1))
                           (i32.mul (i32.xor (local.get $hi) (local.get $wl)) (i32.const 0x85ebca77))))
    (local.set $k (i32.const 8))
    (block $done (loop $fold
      (br_if $done (i32.ge_u (local.get $k) (local.get $wl)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $p) (local.get $k)))) (i32.const 0x01000193)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $fold)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; 1 when word `id` is the `len` bytes at p, whose first 8 bytes are known to match
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

  ;; `ByteWordIndex.add`: the id of the `wl` bytes at p (first 8 bytes lo, hi; hash h), added when new
  (func $intern (param $p i32) (param $wl i32) (param $lo i32) (param $hi i32) (param $h i32) (result i32)
    (local $tag i32) (local $s i32) (local $at i32) (local $raw i32) (local $id i32)
    (local.set $tag (i32.or (i32.and (local.get $h) (i32.const -256))
                            (select (local.get $wl) (i32.const 255) (i32.lt_u (local.get $wl) (i32.const 255)))))
    (local.set $s (i32.and (local.get $h) (global.get $mask)))
    (block $empty (loop $probe
      (local.set $at (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 4))))
      (local.set $raw (i32.load (local.get $at)))
      (br_if $empty (i32.eqz (local.get $raw)))
      (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $tag))
                   (i32.and (i32.eq (i32.load offset=8 (local.get $at)) (local.get $lo))
                            (i32.eq (i32.load offset=12 (local.get $at)) (local.get $hi))))
        (then
          (if (i32.le_u (local.get $wl) (i32.const 8)) (then (return (i32.sub (local.get $raw) (i32.const 1)))))
          (if (call $sameTail (i32.sub (local.get $raw) (i32.const 1)) (local.get $p) (local.get $wl))
            (then (return (i32.sub (local.get $raw) (i32.const 1)))))))
      (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $mask)))
      (br $probe)))
    ;; new: its bytes to the arena, its offsets, a zero count, the slot
    (local.set $id (global.get $n))
    (memory.copy (i32.add (global.get $arena) (global.get $arenaLen)) (local.get $p) (local.get $wl))
    (global.set $arenaLen (i32.add (global.get $arenaLen) (local.get $wl)))
    (i32.store offset=4 (i32.add (global.get $offs) (i32.shl (local.get $id) (i32.const 2))) (global.get $arenaLen))
    (f64.store (i32.add (global.get $cnt) (i32.shl (local.get $id) (i32.const 3))) (f64.const 0))
    (i32.store (local.get $at) (i32.add (local.get $id) (i32.const 1)))
    (i32.store offset=4 (local.get $at) (local.get $tag))
    (i32.store offset=8 (local.get $at) (local.get $lo))
    (i32.store offset=12 (local.get $at) (local.get $hi))
    (global.set $n (i32.add (local.get $id) (i32.const 1)))
    (if (i32.gt_u (i32.shl (global.get $n) (i32.const 1)) (i32.add (global.get $mask) (i32.const 1))) (then (call $grow)))
    (local.get $id))

  ;; `ByteWordIndex.grow`: the table doubled in place (memory grown when it would pass the end), every word
  ;; rehashed from the arena in id order
  (func $grow
    (local $cap i32) (local $need i32) (local $have i32) (local $id i32) (local $p i32) (local $wl i32)
    (local $lo i32) (local $hi i32) (local $h i32) (local $s i32) (local $at i32)
    (local.set $cap (i32.shl (i32.add (global.get $mask) (i32.const 1)) (i32.const 1)))
    (local.set $need (i32.add (global.get $slots) (i32.shl (local.get $cap) (i32.const 4))))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $need) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $need) (local.get $have)) (i32.const 65535)) (i32.const 16)))
                    (i32.const -1))
          (then unreachable))))
    (memory.fill (global.get $slots) (i32.const 0) (i32.shl (local.get $cap) (i32.const 4)))
    (global.set $mask (i32.sub (local.get $cap) (i32.const 1)))
    (local.set $id (i32.const 0))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $id) (global.get $n)))
      (local.set $at (i32.add (global.get $offs) (i32.shl (local.get $id) (i32.const 2))))
      (local.set $p (i32.add (global.get $arena) (i32.load (local.get $at))))
      (local.set $wl (i32.sub (i32.load offset=4 (local.get $at)) (i32.load (local.get $at))))
      (local.set $lo (call $lo (local.get $p) (local.get $wl)))
      (local.set $hi (call $hi (local.get $p) (local.get $wl)))
      (local.set $h (call $hash (local.get $p) (local.get $wl) (local.get $lo) (local.get $hi)))
      (local.set $s (i32.and (local.get $h) (global.get $mask)))
      (block $free (loop $probe
        (local.set $at (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 4))))
        (br_if $free (i32.eqz (i32.load (local.get $at))))
        (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $mask)))
        (br $probe)))
      (i32.store (local.get $at) (i32.add (local.get $id) (i32.const 1)))
      (i32.store offset=4 (local.get $at)
                 (i32.or (i32.and (local.get $h) (i32.const -256))
                         (select (local.get $wl) (i32.const 255) (i32.lt_u (local.get $wl) (i32.const 255)))))
      (i32.store offset=8 (local.get $at) (local.get $lo))
      (i32.store offset=12 (local.get $at) (local.get $hi))
      (local.set $id (i32.add (local.get $id) (i32.const 1)))
      (br $each))))

  ;; The id of the `wl` bytes at p (the pads' words, before the scan), added when new
  (func (export "intern") (param $p i32) (param $wl i32) (result i32)
    (local $lo i32) (local $hi i32)
    (local.set $lo (call $lo (local.get $p) (local.get $wl)))
    (local.set $hi (call $hi (local.get $p) (local.get $wl)))
    (call $intern (local.get $p) (local.get $wl) (local.get $lo) (local.get $hi)
                  (call $hash (local.get $p) (local.get $wl) (local.get $lo) (local.get $hi))))

  ;; `scanLines` of [pos, end) for training (16 readable bytes past end): per line `pads` × bos, the words'
  ;; raw ids (interned), `pads` × eos, then the sentence's end; each word's raw count; the pads counted too.
  (func (export "scan") (param $pos i32) (param $end i32) (param $pads i32) (param $bos i32) (param $eos i32)
    (local $len i32) (local $count i32) (local $c i32) (local $ws i32) (local $wl i32) (local $p i32) (local $s i32)
    (local $v i64) (local $m i64) (local $lo i32) (local $hi i32) (local $id i32) (local $at i32) (local $h i32)
    (local $k i32) (local $tag i32)
    (local.set $len (global.get $len))
    (local.set $count (global.get $count))
    (block $done (loop $lines
      (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
      (local.set $p (i32.const 0))
      (block $padded (loop $bosPads
        (br_if $padded (i32.ge_u (local.get $p) (local.get $pads)))
        (i32.store (i32.add (global.get $ids) (i32.shl (local.get $len) (i32.const 2))) (local.get $bos))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $bosPads)))
      (block $lineEnd (loop $words
        ;; whitespace up to a word, the line's end or `end`
        (block $atWord (loop $skip
          (br_if $lineEnd (i32.ge_u (local.get $pos) (local.get $end)))
          (local.set $c (i32.load8_u (local.get $pos)))
          (br_if $lineEnd (i32.eq (local.get $c) (i32.const 10)))
          (if (i32.lt_u (local.get $c) (i32.const 128))
            (then
              (br_if $atWord (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4)))))
              (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
              (br $skip)))
          (local.set $s (call $spaceAt (local.get $pos) (local.get $end)))
          (br_if $atWord (i32.eqz (local.get $s)))
          (local.set $pos (i32.add (local.get $pos) (local.get $s)))
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
            (then (local.set $pos (local.get $end)) (br $wordEnd)))
          (br_if $chunk (i64.eqz (local.get $m)))
          (local.set $c (i32.load8_u (local.get $pos)))
          (if (i32.lt_u (local.get $c) (i32.const 128))
            (then (br_if $wordEnd (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4)))))
            (else (br_if $wordEnd (call $spaceAt (local.get $pos) (local.get $end)))))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (br $chunk)))
        ;; headBytes, hashWord and the probe inline (a call each cost more than the work); a new word, or one
        ;; longer than 8 bytes, goes through $intern
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
        (block $folded (loop $fold
          (br_if $folded (i32.ge_u (local.get $k) (local.get $wl)))
          (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $ws) (local.get $k)))) (i32.const 0x01000193)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $fold)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $tag (i32.or (i32.and (local.get $h) (i32.const -256))
                                (select (local.get $wl) (i32.const 255) (i32.lt_u (local.get $wl) (i32.const 255)))))
        (local.set $s (i32.and (local.get $h) (global.get $mask)))
        (block $found (loop $probe
          (local.set $at (i32.add (global.get $slots) (i32.shl (local.get $s) (i32.const 4))))
          (local.set $id (i32.load (local.get $at)))
          (if (i32.or (i32.eqz (local.get $id)) (i32.gt_u (local.get $wl) (i32.const 8)))
            (then
              (local.set $id (call $intern (local.get $ws) (local.get $wl) (local.get $lo) (local.get $hi) (local.get $h)))
              (br $found)))
          (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $tag))
                       (i32.and (i32.eq (i32.load offset=8 (local.get $at)) (local.get $lo))
                                (i32.eq (i32.load offset=12 (local.get $at)) (local.get $hi))))
            (then (local.set $id (i32.sub (local.get $id) (i32.const 1))) (br $found)))
          (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (global.get $mask)))
          (br $probe)))
        (local.set $at (i32.add (global.get $cnt) (i32.shl (local.get $id) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 1)))
        (i32.store (i32.add (global.get $ids) (i32.shl (local.get $len) (i32.const 2))) (local.get $id))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (br $words)))
      ;; the line's end: eos pads, the sentence, past the 10
      (local.set $p (i32.const 0))
      (block $padded (loop $eosPads
        (br_if $padded (i32.ge_u (local.get $p) (local.get $pads)))
        (i32.store (i32.add (global.get $ids) (i32.shl (local.get $len) (i32.const 2))) (local.get $eos))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $eosPads)))
      (i32.store (i32.add (global.get $ends) (i32.shl (local.get $count) (i32.const 2))) (local.get $len))
      (local.set $count (i32.add (local.get $count) (i32.const 1)))
      (if (i32.lt_u (local.get $pos) (local.get $end)) (then (local.set $pos (i32.add (local.get $pos) (i32.const 1)))))
      (br $lines)))
    (if (i32.gt_u (local.get $pads) (i32.const 0))
      (then
        (local.set $at (i32.add (global.get $cnt) (i32.shl (local.get $bos) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
                                            (f64.convert_i32_u (i32.mul (local.get $pads) (i32.sub (local.get $count) (global.get $count))))))
        (local.set $at (i32.add (global.get $cnt) (i32.shl (local.get $eos) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
                                            (f64.convert_i32_u (i32.mul (local.get $pads) (i32.sub (local.get $count) (global.get $count))))))))
    (global.set $len (local.get $len))
    (global.set $count (local.get $count)))

  ;; The vocabulary's ids: ids[i] = map[ids[i]] for every scanned id, and each id's count (f64) at uni
  (func (export "remap") (param $map i32) (param $uni i32) (param $idCount i32)
    (local $i i32) (local $at i32) (local $x i32) (local $u i32)
    (memory.fill (local.get $uni) (i32.const 0) (i32.shl (local.get $idCount) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (global.get $len)))
      (local.set $at (i32.add (global.get $ids) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $x (i32.load (i32.add (local.get $map) (i32.shl (i32.load (local.get $at)) (i32.const 2)))))
      (i32.store (local.get $at) (local.get $x))
      (local.set $u (i32.add (local.get $uni) (i32.shl (local.get $x) (i32.const 3))))
      (f64.store (local.get $u) (f64.add (f64.load (local.get $u)) (f64.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each))))

  ;; The order-k keys of every position i whose n-gram fits its sentence (i <= end - k): entryAt[i] (its
  ;; order-(k-1) entry) << wb | ids[i + k - 1]; `wide`: as i64, shifted up by pb with i below (pb may be 0),
  ;; else as i32. Their `passes` digits of d bits from bit `shift0` are histogrammed at hist (passes << d i32).
  ;; Returns how many keys.
  (func (export "keys") (param $k i32) (param $entryAt i32) (param $wb i32) (param $pb i32) (param $out i32)
                        (param $wide i32) (param $hist i32) (param $passes i32) (param $d i32) (result i32)
    (local $m i32) (local $j i32) (local $s i32) (local $e i32) (local $i i32) (local $x i32) (local $v i64)
    (local $q i32) (local $sh i64) (local $h i32) (local $size i32) (local $mask i64) (local $at i32)
    (local $words i32)
    (local.set $size (i32.shl (i32.const 1) (local.get $d)))
    (local.set $mask (i64.extend_i32_u (i32.sub (local.get $size) (i32.const 1))))
    (memory.fill (local.get $hist) (i32.const 0) (i32.shl (i32.mul (local.get $passes) (local.get $size)) (i32.const 2)))
    (local.set $words (i32.add (global.get $ids) (i32.shl (i32.sub (local.get $k) (i32.const 1)) (i32.const 2))))
    (block $done (loop $sentences
      (br_if $done (i32.ge_u (local.get $j) (global.get $count)))
      (local.set $e (i32.sub (i32.load (i32.add (global.get $ends) (i32.shl (local.get $j) (i32.const 2))))
                             (i32.sub (local.get $k) (i32.const 1))))
      (local.set $i (local.get $s))
      (block $next (loop $positions
        (br_if $next (i32.ge_s (local.get $i) (local.get $e)))
        (if (local.get $wide)
          (then
            (local.set $v (i64.or (i64.shl (i64.extend_i32_u (i32.load (i32.add (local.get $entryAt) (i32.shl (local.get $i) (i32.const 2)))))
                                           (i64.extend_i32_u (local.get $wb)))
                                  (i64.extend_i32_u (i32.load (i32.add (local.get $words) (i32.shl (local.get $i) (i32.const 2)))))))
            (if (local.get $pb)
              (then (local.set $v (i64.or (i64.shl (local.get $v) (i64.extend_i32_u (local.get $pb))) (i64.extend_i32_u (local.get $i))))))
            (i64.store (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 3))) (local.get $v)))
          (else
            (local.set $x (i32.or (i32.shl (i32.load (i32.add (local.get $entryAt) (i32.shl (local.get $i) (i32.const 2)))) (local.get $wb))
                                  (i32.load (i32.add (local.get $words) (i32.shl (local.get $i) (i32.const 2))))))
            (local.set $v (i64.extend_i32_u (local.get $x)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 2))) (local.get $x))))
        (local.set $q (i32.const 0))
        (local.set $sh (select (i64.extend_i32_u (local.get $pb)) (i64.const 0) (local.get $wide)))
        (local.set $h (local.get $hist))
        (block $counted (loop $digits
          (br_if $counted (i32.ge_u (local.get $q) (local.get $passes)))
          (local.set $at (i32.add (local.get $h) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $v) (local.get $sh)) (local.get $mask))) (i32.const 2))))
          (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (local.set $sh (i64.add (local.get $sh) (i64.extend_i32_u (local.get $d))))
          (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
          (br $digits)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $positions)))
      (local.set $s (i32.load (i32.add (global.get $ends) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $sentences)))
    (local.get $m))

  ;; Exclusive offsets from the counts of one pass's histogram at h (size digits); 1 when one digit holds all m
  (func $offsets (param $h i32) (param $size i32) (param $m i32) (result i32)
    (local $i i32) (local $sum i32) (local $n i32) (local $skip i32) (local $at i32)
    (local.set $skip (i32.eqz (local.get $m)))
    (block $done (loop $prefix
      (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
      (local.set $at (i32.add (local.get $h) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $n (i32.load (local.get $at)))
      (if (i32.eq (local.get $n) (local.get $m)) (then (local.set $skip (i32.const 1))))
      (i32.store (local.get $at) (local.get $sum))
      (local.set $sum (i32.add (local.get $sum) (local.get $n)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $prefix)))
    (local.get $skip))

  ;; LSD radix sort of the m i32 keys at a (b: scratch) by `passes` digits of d bits, histograms from `keys`.
  ;; Returns 1 when the sorted keys ended in b, else 0.
  (func (export "radix32") (param $a i32) (param $b i32) (param $m i32) (param $passes i32) (param $d i32) (param $hist i32) (result i32)
    (local $size i32) (local $mask i32) (local $q i32) (local $s i32) (local $h i32) (local $i i32) (local $x i32)
    (local $at i32) (local $n i32) (local $t i32) (local $flip i32)
    (local.set $size (i32.shl (i32.const 1) (local.get $d)))
    (local.set $mask (i32.sub (local.get $size) (i32.const 1)))
    (local.set $h (local.get $hist))
    (block $sorted (loop $pass
      (br_if $sorted (i32.ge_u (local.get $q) (local.get $passes)))
      (if (i32.eqz (call $offsets (local.get $h) (local.get $size) (local.get $m)))
        (then
          (local.set $i (i32.const 0))
          (block $moved (loop $move
            (br_if $moved (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $x (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $at (i32.add (local.get $h) (i32.shl (i32.and (i32.shr_u (local.get $x) (local.get $s)) (local.get $mask)) (i32.const 2))))
            (local.set $n (i32.load (local.get $at)))
            (i32.store (local.get $at) (i32.add (local.get $n) (i32.const 1)))
            (i32.store (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 2))) (local.get $x))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $move)))
          (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
          (local.set $flip (i32.xor (local.get $flip) (i32.const 1)))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (local.set $s (i32.add (local.get $s) (local.get $d)))
      (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
      (br $pass)))
    (local.get $flip))

  ;; The same for m i64 values, digits from bit shift0
  (func (export "radix64") (param $a i32) (param $b i32) (param $m i32) (param $passes i32) (param $d i32) (param $hist i32)
                           (param $shift0 i32) (result i32)
    (local $size i32) (local $mask i64) (local $q i32) (local $s i64) (local $h i32) (local $i i32) (local $x i64)
    (local $at i32) (local $n i32) (local $t i32) (local $flip i32)
    (local.set $size (i32.shl (i32.const 1) (local.get $d)))
    (local.set $mask (i64.extend_i32_u (i32.sub (local.get $size) (i32.const 1))))
    (local.set $s (i64.extend_i32_u (local.get $shift0)))
    (local.set $h (local.get $hist))
    (block $sorted (loop $pass
      (br_if $sorted (i32.ge_u (local.get $q) (local.get $passes)))
      (if (i32.eqz (call $offsets (local.get $h) (local.get $size) (local.get $m)))
        (then
          (local.set $i (i32.const 0))
          (block $moved (loop $move
            (br_if $moved (i32.ge_u (local.get $i) (local.get $m)))
            (local.set $x (i64.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $at (i32.add (local.get $h) (i32.shl (i32.wrap_i64 (i64.and (i64.shr_u (local.get $x) (local.get $s)) (local.get $mask))) (i32.const 2))))
            (local.set $n (i32.load (local.get $at)))
            (i32.store (local.get $at) (i32.add (local.get $n) (i32.const 1)))
            (i64.store (i32.add (local.get $b) (i32.shl (local.get $n) (i32.const 3))) (local.get $x))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $move)))
          (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))
          (local.set $flip (i32.xor (local.get $flip) (i32.const 1)))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (local.get $d))))
      (local.set $h (i32.add (local.get $h) (i32.shl (local.get $size) (i32.const 2))))
      (br $pass)))
    (local.get $flip))

  ;; The entries of m sorted keys at src (`wide`: i64 values, the key above pb bits of position, else i32 keys):
  ;; each run of one key is an entry (its word: the key's low wb bits; its parent: the rest; its count, f64), in
  ;; order; per parent (0..prev) the first child at childStart (prev + 1 of them) and the count total at total
  ;; (f64); at next (unless 0) each position's entry. Returns how many entries.
  (func (export "runs") (param $src i32) (param $m i32) (param $wide i32) (param $wb i32) (param $pb i32)
                        (param $words i32) (param $parents i32) (param $counts i32) (param $childStart i32)
                        (param $total i32) (param $prev i32) (param $next i32) (result i32)
    (local $i i32) (local $e i32) (local $v i64) (local $key i64) (local $last i64) (local $run i32) (local $p i32)
    (local $wMask i64) (local $pMask i64) (local $at i32)
    (memory.fill (local.get $childStart) (i32.const 0) (i32.shl (i32.add (local.get $prev) (i32.const 1)) (i32.const 2)))
    (memory.fill (local.get $total) (i32.const 0) (i32.shl (local.get $prev) (i32.const 3)))
    (local.set $wMask (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $wb))) (i64.const 1)))
    (local.set $pMask (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $pb))) (i64.const 1)))
    (local.set $last (i64.const -1))
    (local.set $e (i32.const -1))
    (block $done (loop $each
      (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
      (if (local.get $wide)
        (then
          (local.set $v (i64.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 3)))))
          (local.set $key (i64.shr_u (local.get $v) (i64.extend_i32_u (local.get $pb)))))
        (else
          (local.set $key (i64.extend_i32_u (i32.load (i32.add (local.get $src) (i32.shl (local.get $i) (i32.const 2))))))))
      (if (i64.ne (local.get $key) (local.get $last))
        (then
          ;; the previous entry's count, then a new entry
          (if (i32.ge_s (local.get $e) (i32.const 0))
            (then
              (f64.store (i32.add (local.get $counts) (i32.shl (local.get $e) (i32.const 3))) (f64.convert_i32_u (local.get $run)))
              (local.set $at (i32.add (local.get $total) (i32.shl (local.get $p) (i32.const 3))))
              (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.convert_i32_u (local.get $run))))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (local.set $last (local.get $key))
          (local.set $run (i32.const 0))
          (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $key) (i64.extend_i32_u (local.get $wb)))))
          (i32.store (i32.add (local.get $words) (i32.shl (local.get $e) (i32.const 2))) (i32.wrap_i64 (i64.and (local.get $key) (local.get $wMask))))
          (i32.store (i32.add (local.get $parents) (i32.shl (local.get $e) (i32.const 2))) (local.get $p))
          (local.set $at (i32.add (local.get $childStart) (i32.shl (local.get $p) (i32.const 2))))
          (i32.store offset=4 (local.get $at) (i32.add (i32.load offset=4 (local.get $at)) (i32.const 1)))))
      (local.set $run (i32.add (local.get $run) (i32.const 1)))
      (if (local.get $next)
        (then (i32.store (i32.add (local.get $next) (i32.shl (i32.wrap_i64 (i64.and (local.get $v) (local.get $pMask))) (i32.const 2)))
                         (local.get $e))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $each)))
    (if (i32.ge_s (local.get $e) (i32.const 0))
      (then
        (f64.store (i32.add (local.get $counts) (i32.shl (local.get $e) (i32.const 3))) (f64.convert_i32_u (local.get $run)))
        (local.set $at (i32.add (local.get $total) (i32.shl (local.get $p) (i32.const 3))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.convert_i32_u (local.get $run))))))
    ;; child starts from the children per parent
    (local.set $i (i32.const 0))
    (block $summed (loop $sum
      (br_if $summed (i32.ge_u (local.get $i) (local.get $prev)))
      (local.set $at (i32.add (local.get $childStart) (i32.shl (local.get $i) (i32.const 2))))
      (i32.store offset=4 (local.get $at) (i32.add (i32.load offset=4 (local.get $at)) (i32.load (local.get $at))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sum)))
    (i32.add (local.get $e) (i32.const 1)))
)
