/**
 * MUSE's discriminator as plain typed-array code: input dropout → (Linear → LeakyReLU) × layers → Linear → sigmoid,
 * trained with binary cross-entropy and plain SGD. Weights are row-major `in × out`; a batch is `rows × in`.
 * Scratch buffers are allocated once per batch size, so a training step allocates nothing.
 */
import { Rng } from '../random.js';

export interface DiscriminatorShape {
  inputDim: number;
  /** Hidden layers (MUSE: 2). */
  layers: number;
  /** Units per hidden layer (MUSE: 2048). */
  hidden: number;
  /** LeakyReLU slope (MUSE: 0.2). */
  slope: number;
  /** Dropout on the input in training mode (MUSE: 0.1). */
  inputDropout: number;
}

export class Discriminator {
  /** weights[l]: dims[l] × dims[l+1]; biases[l]: dims[l+1]. */
  readonly weights: Float32Array[] = [];
  readonly biases: Float32Array[] = [];
  readonly dims: number[];
  private acts: Float32Array[] = [];
  private grads: Float32Array[] = [];
  private rows = 0;
  private readonly gw: Float32Array[] = [];
  private readonly gb: Float32Array[] = [];

  constructor(
    readonly shape: DiscriminatorShape,
    private readonly rng: Rng,
  ) {
    this.dims = [shape.inputDim, ...Array.from({ length: shape.layers }, () => shape.hidden), 1];
    for (let l = 0; l + 1 < this.dims.length; l++) {
      // PyTorch's nn.Linear default: U(−1/√fan_in, 1/√fan_in) for weights and biases.
      const bound = 1 / Math.sqrt(this.dims[l]);
      this.weights.push(Float32Array.from({ length: this.dims[l] * this.dims[l + 1] }, () => (2 * rng.next() - 1) * bound));
      this.biases.push(Float32Array.from({ length: this.dims[l + 1] }, () => (2 * rng.next() - 1) * bound));
      this.gw.push(new Float32Array(this.dims[l] * this.dims[l + 1]));
      this.gb.push(new Float32Array(this.dims[l + 1]));
    }
  }

  private ensure(rows: number): void {
    if (this.rows === rows) return;
    this.rows = rows;
    // acts[0] = input, acts[l+1] = layer l output (after LeakyReLU; the last holds the logit).
    this.acts = this.dims.map((n) => new Float32Array(rows * n));
    this.grads = this.dims.map((n) => new Float32Array(rows * n));
  }

  /** Probabilities that each row is a source (mapped) vector; `train` turns input dropout on. Writes `out`. */
  forward(x: Float32Array, rows: number, train: boolean, out: Float32Array): void {
    this.ensure(rows);
    const a0 = this.acts[0];
    const p = this.shape.inputDropout;
    if (train && p > 0) {
      const scale = 1 / (1 - p);
      for (let i = 0; i < a0.length; i++) a0[i] = this.rng.next() < p ? 0 : x[i] * scale;
    } else {
      a0.set(x.subarray(0, a0.length));
    }
    const last = this.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      const inp = this.acts[l];
      const outp = this.acts[l + 1];
      const n = this.dims[l];
      const m = this.dims[l + 1];
      const w = this.weights[l];
      const b = this.biases[l];
      for (let r = 0; r < rows; r++) {
        const oo = r * m;
        for (let j = 0; j < m; j++) outp[oo + j] = b[j];
        for (let k = 0; k < n; k++) {
          const v = inp[r * n + k];
          if (v === 0) continue;
          const wo = k * m;
          for (let j = 0; j < m; j++) outp[oo + j] += v * w[wo + j];
        }
        if (l < last) for (let j = 0; j < m; j++) if (outp[oo + j] < 0) outp[oo + j] *= this.shape.slope;
      }
    }
    const logits = this.acts[last + 1];
    for (let r = 0; r < rows; r++) out[r] = 1 / (1 + Math.exp(-logits[r]));
  }

  /**
   * Back-propagate mean binary cross-entropy against `labels` after `forward(…, rows, …, probs)`. Returns the
   * loss; leaves ∂loss/∂input in `inputGrad` when given; updates the weights by SGD when `lr > 0`.
   */
  backward(probs: Float32Array, labels: Float32Array, rows: number, lr: number, inputGrad?: Float32Array): number {
    let loss = 0;
    const top = this.grads[this.dims.length - 1];
    for (let r = 0; r < rows; r++) {
      const pr = Math.min(Math.max(probs[r], 1e-7), 1 - 1e-7);
      loss -= labels[r] * Math.log(pr) + (1 - labels[r]) * Math.log(1 - pr);
      top[r] = (probs[r] - labels[r]) / rows; // ∂(mean BCE)/∂logit
    }
    for (let l = this.weights.length - 1; l >= 0; l--) {
      const n = this.dims[l];
      const m = this.dims[l + 1];
      const g = this.grads[l + 1];
      const inp = this.acts[l];
      const w = this.weights[l];
      const gw = this.gw[l];
      const gb = this.gb[l];
      gw.fill(0);
      gb.fill(0);
      const gin = this.grads[l];
      const needInput = l > 0 || inputGrad !== undefined;
      if (needInput) gin.fill(0);
      for (let r = 0; r < rows; r++) {
        const go = r * m;
        for (let j = 0; j < m; j++) gb[j] += g[go + j];
        for (let k = 0; k < n; k++) {
          const v = inp[r * n + k];
          const wo = k * m;
          let s = 0;
          for (let j = 0; j < m; j++) {
            gw[wo + j] += v * g[go + j];
            s += w[wo + j] * g[go + j];
          }
          if (needInput) gin[r * n + k] = s;
        }
      }
      // Through the LeakyReLU that produced this layer's input (acts[l] is post-activation; its sign is z's sign).
      if (l > 0) for (let i = 0; i < rows * n; i++) if (inp[i] < 0) gin[i] *= this.shape.slope;
    }
    if (inputGrad !== undefined) inputGrad.set(this.grads[0].subarray(0, rows * this.dims[0]));
    if (lr > 0) {
      for (let l = 0; l < this.weights.length; l++) {
        const w = this.weights[l];
        const gw = this.gw[l];
        for (let i = 0; i < w.length; i++) w[i] -= lr * gw[i];
        const b = this.biases[l];
        const gb = this.gb[l];
        for (let i = 0; i < b.length; i++) b[i] -= lr * gb[i];
      }
    }
    return loss / rows;
  }
}
