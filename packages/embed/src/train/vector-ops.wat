;; The vector operations of word2vec's inner loop, in WebAssembly SIMD (f32x4), over the weights and
;; scratch rows that live in one shared memory. Arguments are float indices (not byte offsets) and
;; n is a multiple of 4: rows are padded to 4 floats, the padding stays 0.
;; Compiled to vector-ops.wasm.ts by scripts/build-wasm.mjs (wabt); see vector-ops.ts.
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; sum_k m[a+k] * m[b+k], with two accumulators (8 floats a step) to halve the add latency chain.
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f32)
    (local $end i32) (local $s0 v128) (local $s1 v128)
    (local.set $a (i32.shl (local.get $a) (i32.const 2)))
    (local.set $b (i32.shl (local.get $b) (i32.const 2)))
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $step
        (br_if $done (i32.gt_u (i32.add (local.get $a) (i32.const 32)) (local.get $end)))
        (local.set $s0 (f32x4.add (local.get $s0)
          (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $s1 (f32x4.add (local.get $s1)
          (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $step)))
    (if (i32.lt_u (local.get $a) (local.get $end))
      (then (local.set $s0 (f32x4.add (local.get $s0)
        (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))))
    (local.set $s0 (f32x4.add (local.get $s0) (local.get $s1)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
      (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0)))))

  ;; The gradient step on one output row: err += g * out; out += g * inp (out read before written).
  (func (export "step") (param $err i32) (param $out i32) (param $inp i32) (param $g f32) (param $n i32)
    (local $end i32) (local $gv v128) (local $o v128)
    (local.set $gv (f32x4.splat (local.get $g)))
    (local.set $err (i32.shl (local.get $err) (i32.const 2)))
    (local.set $out (i32.shl (local.get $out) (i32.const 2)))
    (local.set $inp (i32.shl (local.get $inp) (i32.const 2)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $o (v128.load (local.get $out)))
        (v128.store (local.get $err)
          (f32x4.add (v128.load (local.get $err)) (f32x4.mul (local.get $gv) (local.get $o))))
        (v128.store (local.get $out)
          (f32x4.add (local.get $o) (f32x4.mul (local.get $gv) (v128.load (local.get $inp)))))
        (local.set $err (i32.add (local.get $err) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (local.set $inp (i32.add (local.get $inp) (i32.const 16)))
        (br $next))))

  ;; dst += src
  (func (export "add") (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32)
    (local.set $dst (i32.shl (local.get $dst) (i32.const 2)))
    (local.set $src (i32.shl (local.get $src) (i32.const 2)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (f32x4.add (v128.load (local.get $dst)) (v128.load (local.get $src))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $next))))

  ;; dst *= s
  (func (export "scale") (param $dst i32) (param $s f32) (param $n i32)
    (local $end i32) (local $sv v128)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $dst (i32.shl (local.get $dst) (i32.const 2)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (f32x4.mul (v128.load (local.get $dst)) (local.get $sv)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next))))

  ;; dst = 0
  (func (export "zero") (param $dst i32) (param $n i32)
    (local $end i32)
    (local.set $dst (i32.shl (local.get $dst) (i32.const 2)))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next)))))
