/**
 * The progress bar of `embed train` on stderr: words done, words/s, learning rate, loss and ETA.
 * Drawn only when stderr is a terminal; the bar is @nlpkit/kit's, which loads cli-progress only then.
 */
import { loadBar } from '@nlpkit/kit/progress';
import type { Word2VecProgress } from '../train/index.js';
import type { CliIo } from './io.js';

export interface TrainBar {
  update(p: Word2VecProgress): void;
  stop(): void;
}

export async function startTrainBar(io: CliIo, enabled: boolean): Promise<TrainBar> {
  if (!enabled) return { update() {}, stop() {} };
  const bar = await loadBar(io.stderr, 'epoch {epoch} {bar} {percentage}% | {rate} words/s | alpha {alpha} | loss {loss} | ETA {eta_formatted}');
  let started = false;
  return {
    update(p) {
      const payload = { epoch: p.epoch, rate: Math.round(p.wordsPerSecond).toLocaleString('en-US'), alpha: p.alpha.toFixed(6), loss: p.loss.toFixed(4) };
      if (!started) {
        bar.start(Math.max(1, p.wordsTotal), p.wordsDone, payload);
        started = true;
      } else bar.update(p.wordsDone, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
