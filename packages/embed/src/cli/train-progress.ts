/**
 * The progress bar of `embed train` on stderr: words done, words/s, learning rate, loss and ETA.
 * Drawn only when stderr is a terminal; cli-progress is loaded only then.
 */
import type { Word2VecProgress } from '../train/index.js';
import type { CliIo } from './io.js';

export interface TrainBar {
  update(p: Word2VecProgress): void;
  stop(): void;
}

export async function startTrainBar(io: CliIo, enabled: boolean): Promise<TrainBar> {
  if (!enabled) return { update() {}, stop() {} };
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream: io.stderr,
    format: 'epoch {epoch} {bar} {percentage}% | {rate} words/s | alpha {alpha} | loss {loss} | ETA {eta_formatted}',
    barsize: 30,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
  });
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
