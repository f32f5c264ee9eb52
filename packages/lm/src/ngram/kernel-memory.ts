/**
 * `releaseKernelMemory`: the n-gram WebAssembly kernels keep their memory from call to call, as a caching
 * allocator does (fresh memory costs more than the work on this kind of machine: see count-kernel.ts), within
 * bounds — the counting kernel up to 128 MiB, the scoring kernels a copy of the vocabulary and of the last scored
 * model's tables (up to 256 MiB, bigger models are scored in JavaScript). A process done with n-gram models, or
 * short of memory, gives it back here; the next call makes fresh kernels.
 */
import { CountKernel } from './count-kernel.js';
import { releaseScoringKernels } from './scan-kernel.js';

export function releaseKernelMemory(): void {
  CountKernel.releaseShared();
  releaseScoringKernels();
}
