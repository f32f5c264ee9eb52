;; GloVe's AdaGrad step (glove.c's glove_thread) over a block of records, in WebAssembly SIMD (f64x2),
;; on weights that live in one shared memory. Float64 throughout, as glove.c (`real` is double).
;; Addresses are byte offsets. W and gradsq rows are dim + 1 doubles (the bias last), word rows
;; 0..V-1 then context rows V..2V-1; gradsq sits `delta` bytes after W's row. log x and f(x) are
;; computed by the caller (JavaScript's Math.log / Math.pow, as the JS kernel) into `fl`.
;; `kernel.ts` holds the same arithmetic in JavaScript, operation for operation (the tests check the two
;; agree bit for bit). Compiled to glove-kernel.wasm.ts by scripts/build-wasm.mjs (wabt).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; recs: `count` CREC records (int32 word1, int32 word2, float64 x; 16 bytes each);
  ;; fl: per record f(x) then log x (16 bytes each). Returns Σ ½·f(x)·diff².
  (func (export "train")
    (param $recs i32) (param $fl i32) (param $count i32) (param $W i32) (param $delta i32)
    (param $dim i32) (param $V i32) (param $eta f64) (param $clip f64) (result f64)
    (local $k i32) (local $w1 i32) (local $w2 i32) (local $l1 i32) (local $l2 i32)
    (local $b i32) (local $n4 i32) (local $nb i32) (local $rowb i32)
    (local $acc0 v128) (local $acc1 v128) (local $diff f64) (local $fdiff f64) (local $cost f64)
    (local $fd v128) (local $lo v128) (local $hi v128) (local $e v128)
    (local $a1 v128) (local $a2 v128) (local $q1 v128) (local $q2 v128) (local $t1 v128) (local $t2 v128)
    (local $s1 f64) (local $s2 f64) (local $u1 f64) (local $u2 f64) (local $r1 f64) (local $r2 f64) (local $d f64)
    (local.set $rowb (i32.shl (i32.add (local.get $dim) (i32.const 1)) (i32.const 3)))
    (local.set $n4 (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 3)))
    (local.set $nb (i32.shl (i32.and (local.get $dim) (i32.const -2)) (i32.const 3)))
    (local.set $lo (f64x2.splat (f64.neg (local.get $clip))))
    (local.set $hi (f64x2.splat (local.get $clip)))
    (local.set $e (f64x2.splat (local.get $eta)))
    (block $done
      (loop $record
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $w1 (i32.load (local.get $recs)))
        (local.set $w2 (i32.load offset=4 (local.get $recs)))
        (block $skip
          ;; glove.c skips ids below 1; ids past V would land outside the weights.
          (br_if $skip (i32.lt_s (local.get $w1) (i32.const 1)))
          (br_if $skip (i32.lt_s (local.get $w2) (i32.const 1)))
          (br_if $skip (i32.gt_s (local.get $w1) (local.get $V)))
          (br_if $skip (i32.gt_s (local.get $w2) (local.get $V)))
          (local.set $l1 (i32.add (local.get $W)
            (i32.mul (i32.sub (local.get $w1) (i32.const 1)) (local.get $rowb))))
          (local.set $l2 (i32.add (local.get $W)
            (i32.mul (i32.add (i32.sub (local.get $w2) (i32.const 1)) (local.get $V)) (local.get $rowb))))
          ;; dot product: lanes k mod 4 summed apart, then ((s0 + s2) + (s1 + s3)), then an odd tail.
          (local.set $acc0 (v128.const f64x2 0 0))
          (local.set $acc1 (v128.const f64x2 0 0))
          (local.set $b (i32.const 0))
          (block $dot4
            (loop $step4
              (br_if $dot4 (i32.ge_u (local.get $b) (local.get $n4)))
              (local.set $acc0 (f64x2.add (local.get $acc0)
                (f64x2.mul (v128.load (i32.add (local.get $l1) (local.get $b))) (v128.load (i32.add (local.get $l2) (local.get $b))))))
              (local.set $acc1 (f64x2.add (local.get $acc1)
                (f64x2.mul (v128.load offset=16 (i32.add (local.get $l1) (local.get $b))) (v128.load offset=16 (i32.add (local.get $l2) (local.get $b))))))
              (local.set $b (i32.add (local.get $b) (i32.const 32)))
              (br $step4)))
          (if (i32.lt_u (local.get $b) (local.get $nb))
            (then
              (local.set $acc0 (f64x2.add (local.get $acc0)
                (f64x2.mul (v128.load (i32.add (local.get $l1) (local.get $b))) (v128.load (i32.add (local.get $l2) (local.get $b))))))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))))
          (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
          (local.set $diff (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
          (if (i32.and (local.get $dim) (i32.const 1))
            (then (local.set $diff (f64.add (local.get $diff)
              (f64.mul (f64.load (i32.add (local.get $l1) (local.get $b))) (f64.load (i32.add (local.get $l2) (local.get $b))))))))
          ;; diff += (b1 + b2) - log x; fdiff = f(x) · diff
          (local.set $b (i32.shl (local.get $dim) (i32.const 3)))
          (local.set $diff (f64.add (local.get $diff)
            (f64.sub
              (f64.add (f64.load (i32.add (local.get $l1) (local.get $b))) (f64.load (i32.add (local.get $l2) (local.get $b))))
              (f64.load offset=8 (local.get $fl)))))
          (local.set $fdiff (f64.mul (f64.load (local.get $fl)) (local.get $diff)))
          ;; not finite (x - x is NaN for ±inf and NaN): glove.c skips the record
          (br_if $skip (f64.ne (f64.sub (local.get $diff) (local.get $diff)) (f64.const 0)))
          (br_if $skip (f64.ne (f64.sub (local.get $fdiff) (local.get $fdiff)) (f64.const 0)))
          (local.set $cost (f64.add (local.get $cost) (f64.mul (f64.mul (f64.const 0.5) (local.get $fdiff)) (local.get $diff))))
          ;; AdaGrad on both rows, two components a step (component b of one row reads only component
          ;; b of the other, so updating in place equals glove.c's compute-then-apply).
          (local.set $fd (f64x2.splat (local.get $fdiff)))
          (local.set $b (i32.const 0))
          (block $upd
            (loop $step2
              (br_if $upd (i32.ge_u (local.get $b) (local.get $nb)))
              (local.set $a1 (v128.load (i32.add (local.get $l1) (local.get $b))))
              (local.set $a2 (v128.load (i32.add (local.get $l2) (local.get $b))))
              (local.set $q1 (v128.load (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))))
              (local.set $q2 (v128.load (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))))
              (local.set $t1 (f64x2.mul (f64x2.min (f64x2.max (f64x2.mul (local.get $fd) (local.get $a2)) (local.get $lo)) (local.get $hi)) (local.get $e)))
              (local.set $t2 (f64x2.mul (f64x2.min (f64x2.max (f64x2.mul (local.get $fd) (local.get $a1)) (local.get $lo)) (local.get $hi)) (local.get $e)))
              (v128.store (i32.add (local.get $l1) (local.get $b)) (f64x2.sub (local.get $a1) (f64x2.div (local.get $t1) (f64x2.sqrt (local.get $q1)))))
              (v128.store (i32.add (local.get $l2) (local.get $b)) (f64x2.sub (local.get $a2) (f64x2.div (local.get $t2) (f64x2.sqrt (local.get $q2)))))
              (v128.store (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b)) (f64x2.add (local.get $q1) (f64x2.mul (local.get $t1) (local.get $t1))))
              (v128.store (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b)) (f64x2.add (local.get $q2) (f64x2.mul (local.get $t2) (local.get $t2))))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))
              (br $step2)))
          (if (i32.and (local.get $dim) (i32.const 1))
            (then
              (local.set $s1 (f64.load (i32.add (local.get $l1) (local.get $b))))
              (local.set $s2 (f64.load (i32.add (local.get $l2) (local.get $b))))
              (local.set $u1 (f64.mul (f64.min (f64.max (f64.mul (local.get $fdiff) (local.get $s2)) (f64.neg (local.get $clip))) (local.get $clip)) (local.get $eta)))
              (local.set $u2 (f64.mul (f64.min (f64.max (f64.mul (local.get $fdiff) (local.get $s1)) (f64.neg (local.get $clip))) (local.get $clip)) (local.get $eta)))
              (local.set $r1 (f64.load (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))))
              (local.set $r2 (f64.load (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))))
              (f64.store (i32.add (local.get $l1) (local.get $b))
                (f64.sub (local.get $s1) (f64.div (local.get $u1) (f64.sqrt (local.get $r1)))))
              (f64.store (i32.add (local.get $l2) (local.get $b))
                (f64.sub (local.get $s2) (f64.div (local.get $u2) (f64.sqrt (local.get $r2)))))
              (f64.store (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))
                (f64.add (local.get $r1) (f64.mul (local.get $u1) (local.get $u1))))
              (f64.store (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))
                (f64.add (local.get $r2) (f64.mul (local.get $u2) (local.get $u2))))
              (local.set $b (i32.add (local.get $b) (i32.const 8)))))
          ;; biases: step fdiff / sqrt(gradsq) when finite (glove.c's check_nan), no eta
          (local.set $d (f64.div (local.get $fdiff)
            (f64.sqrt (f64.load (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))))))
          (if (f64.eq (f64.sub (local.get $d) (local.get $d)) (f64.const 0))
            (then (f64.store (i32.add (local.get $l1) (local.get $b))
              (f64.sub (f64.load (i32.add (local.get $l1) (local.get $b))) (local.get $d)))))
          (local.set $d (f64.div (local.get $fdiff)
            (f64.sqrt (f64.load (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))))))
          (if (f64.eq (f64.sub (local.get $d) (local.get $d)) (f64.const 0))
            (then (f64.store (i32.add (local.get $l2) (local.get $b))
              (f64.sub (f64.load (i32.add (local.get $l2) (local.get $b))) (local.get $d)))))
          (local.set $fdiff (f64.mul (local.get $fdiff) (local.get $fdiff)))
          (f64.store (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))
            (f64.add (f64.load (i32.add (i32.add (local.get $l1) (local.get $delta)) (local.get $b))) (local.get $fdiff)))
          (f64.store (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))
            (f64.add (f64.load (i32.add (i32.add (local.get $l2) (local.get $delta)) (local.get $b))) (local.get $fdiff))))
        (local.set $recs (i32.add (local.get $recs) (i32.const 16)))
        (local.set $fl (i32.add (local.get $fl) (i32.const 16)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $record)))
    (local.get $cost)))
