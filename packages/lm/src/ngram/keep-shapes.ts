/**
 * One small instance of each object shape the hot loops are compiled for, held for the life of the process.
 * V8 frees a shape (map) once no live object has it, and throws away the optimised code that was compiled
 * for it ("weak objects" in `--trace-deopt`), clearing its type feedback too: in the bench, each new model's
 * first text scan then ran unoptimised and was compiled again (Brown's held-out text: 30–50 ms for the first
 * call instead of ~6, plus ~20 ms of compiling per function, every round), and counting recompiled likewise.
 * The twins (tiny counts and models) are made on the first real call, not at import: importing the n-gram code
 * costs nothing.
 */
const kept: unknown[] = [];

/** Keeps `x` (and so its shape) alive; returns it. */
export function keepShape<T>(x: T): T {
  kept.push(x);
  return x;
}
