;; The micro-kernel of knn.kernel.ts in WebAssembly SIMD: a 4 × cnt tile of dot products, 4 query rows × 2
;; base rows per step in 8 f32x4 accumulators (4 floats an instruction where JavaScript does 1).
;; Addresses are byte offsets into the module's own memory; d4 = dim × 4 bytes, a multiple of 16.
;; out[r·BLOCK + j] = q_r · b_j for r < 4, j < cnt (an odd cnt also writes slot cnt, which the caller ignores).
;; Float32 accumulation (4 lanes, summed at the end): within ~1e-6 of the float64 JavaScript path.
(module
  (memory (export "memory") 1)
  (func $hsum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
  (func (export "tile")
    (param $q0 i32) (param $q1 i32) (param $q2 i32) (param $q3 i32)
    (param $b i32) (param $cnt i32) (param $d4 i32) (param $out i32) (param $block4 i32)
    (local $j i32) (local $bo i32) (local $bp i32) (local $t i32) (local $o i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $v v128) (local $w v128) (local $a v128)
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $j) (local.get $cnt)))
        (local.set $bo (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $d4))))
        (local.set $bp
          (select (i32.add (local.get $bo) (local.get $d4)) (local.get $bo)
            (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $cnt))))
        (local.set $s0 (v128.const i32x4 0 0 0 0)) (local.set $s1 (v128.const i32x4 0 0 0 0))
        (local.set $s2 (v128.const i32x4 0 0 0 0)) (local.set $s3 (v128.const i32x4 0 0 0 0))
        (local.set $r0 (v128.const i32x4 0 0 0 0)) (local.set $r1 (v128.const i32x4 0 0 0 0))
        (local.set $r2 (v128.const i32x4 0 0 0 0)) (local.set $r3 (v128.const i32x4 0 0 0 0))
        (local.set $t (i32.const 0))
        (block $kdone
          (loop $k
            (br_if $kdone (i32.ge_u (local.get $t) (local.get $d4)))
            (local.set $v (v128.load (i32.add (local.get $bo) (local.get $t))))
            (local.set $w (v128.load (i32.add (local.get $bp) (local.get $t))))
            (local.set $a (v128.load (i32.add (local.get $q0) (local.get $t))))
            (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $a) (local.get $v))))
            (local.set $r0 (f32x4.add (local.get $r0) (f32x4.mul (local.get $a) (local.get $w))))
            (local.set $a (v128.load (i32.add (local.get $q1) (local.get $t))))
            (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $a) (local.get $v))))
            (local.set $r1 (f32x4.add (local.get $r1) (f32x4.mul (local.get $a) (local.get $w))))
            (local.set $a (v128.load (i32.add (local.get $q2) (local.get $t))))
            (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul (local.get $a) (local.get $v))))
            (local.set $r2 (f32x4.add (local.get $r2) (f32x4.mul (local.get $a) (local.get $w))))
            (local.set $a (v128.load (i32.add (local.get $q3) (local.get $t))))
            (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul (local.get $a) (local.get $v))))
            (local.set $r3 (f32x4.add (local.get $r3) (f32x4.mul (local.get $a) (local.get $w))))
            (local.set $t (i32.add (local.get $t) (i32.const 16)))
            (br $k)))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 2))))
        (f32.store (local.get $o) (call $hsum (local.get $s0)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $r0)))
        (local.set $o (i32.add (local.get $o) (local.get $block4)))
        (f32.store (local.get $o) (call $hsum (local.get $s1)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $r1)))
        (local.set $o (i32.add (local.get $o) (local.get $block4)))
        (f32.store (local.get $o) (call $hsum (local.get $s2)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $r2)))
        (local.set $o (i32.add (local.get $o) (local.get $block4)))
        (f32.store (local.get $o) (call $hsum (local.get $s3)))
        (f32.store offset=4 (local.get $o) (call $hsum (local.get $r3)))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $rows)))))
