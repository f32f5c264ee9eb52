/**
 * The benches' segments: WMT17 system outputs and their reference, from sacreBLEU's significance data
 * (`DEFAULT_DATA`, or a file named by --data / NLPKIT_METRICS_DATA), cycled through the systems until
 * there are as many hypothesis-reference pairs as asked for.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const DEFAULT_DATA = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/metrics/sacrebleu-significance-wmt17.json.gz');

/** `segments` hypotheses (system after system) and the reference line of each. */
export function segmentPairs(dataFile: string, segments: number): { hyps: string[]; refs: string[] } {
  const data = JSON.parse(gunzipSync(readFileSync(dataFile)).toString('utf8')) as { systems: [string, unknown][] };
  const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
  const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
  const hyps: string[] = [];
  const refs: string[] = [];
  for (let k = 0; hyps.length < segments; k++) {
    const sys = systems[k % systems.length];
    for (let i = 0; i < sys.length && hyps.length < segments; i++) {
      hyps.push(sys[i]);
      refs.push(ref[i]);
    }
  }
  return { hyps, refs };
}
