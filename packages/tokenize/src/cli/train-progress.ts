/**
 * The progress bar of `tok train` on stderr: one bar per training stage — reading the corpus (bytes,
 * with rate and ETA when the file sizes are known), BPE merges and Unigram pruning (vocabulary size
 * reached). Drawn only when stderr is a terminal; the bar is @nlpkit/kit's, which loads cli-progress
 * only then.
 */
import { stat } from 'node:fs/promises';
import { loadBar } from '@nlpkit/kit/progress';
import type { TrainingProgress } from '../train/index.js';
import type { CliIo } from './io.js';
import { formatBytes } from './progress.js';

export interface TrainingProgressBar {
  update: (p: TrainingProgress) => void;
  stop(): void;
}

const STAGE_LABEL: Record<TrainingProgress['stage'], string> = { count: 'reading', merge: 'merging', em: 'pruning' };

/** A bar for training on `files` (undefined: stdin, size unknown), or a no-op when disabled. */
export async function startTrainingProgress(io: CliIo, files: readonly string[] | undefined, enabled: boolean): Promise<TrainingProgressBar> {
  if (!enabled) return { update() {}, stop() {} };
  let totalBytes: number | undefined;
  if (files !== undefined) {
    const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => undefined)));
    if (sizes.every((s) => s !== undefined)) totalBytes = sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
  }
  const bar = await loadBar(io.stderr, '{stage} {bar} {percentage}% | {done} / {size} | {rate}/s | ETA {eta_formatted}');
  let stage: TrainingProgress['stage'] | undefined;
  let started = 0;
  const payload = (p: TrainingProgress, total: number) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? p.done / seconds : 0;
    const bytes = p.stage === 'count';
    return {
      stage: STAGE_LABEL[p.stage].padEnd(7),
      done: bytes ? formatBytes(p.done) : String(p.done),
      size: bytes ? formatBytes(total) : String(total),
      rate: bytes ? formatBytes(rate) : rate.toFixed(0),
    };
  };
  return {
    update(p) {
      const total = p.stage === 'count' ? (p.total ?? totalBytes ?? 0) : (p.total ?? 0);
      if (p.stage !== stage) {
        if (stage !== undefined) bar.stop();
        stage = p.stage;
        started = performance.now();
        bar.start(Math.max(total, 1), 0, payload(p, total));
      }
      bar.setTotal(Math.max(total, p.done, 1));
      bar.update(p.done, payload(p, total));
    },
    stop() {
      if (stage !== undefined) bar.stop();
    },
  };
}
