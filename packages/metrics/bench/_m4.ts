import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const data = JSON.parse(gunzipSync(readFileSync('/work/shared/data/metrics/sacrebleu-significance-wmt17.json.gz')).toString('utf8')) as { systems: [string, unknown][] };
const ref = (data.systems.find(([n]) => n === 'reference')![1] as string[][])[0];
const systems = data.systems.filter(([n]) => n !== 'reference').map(([, l]) => l as string[]);
const hyps: string[] = []; const refs: string[] = [];
for (let k = 0; hyps.length < 100000; k++) { const sys = systems[k % systems.length]; for (let i = 0; i < sys.length && hyps.length < 100000; i++) { hyps.push(sys[i]); refs.push(ref[i]); } }
writeFileSync('/tmp/h.txt', hyps.join('\n') + '\n'); writeFileSync('/tmp/r.txt', refs.join('\n') + '\n');
const readLines = (f: string): string[] => { const t = readFileSync(f, 'utf8'); return t.slice(0, t.endsWith('\n') ? -1 : undefined).split('\n'); };
for (let k = 0; k < 3; k++) {
  const t0 = process.cpuUsage();
  const a = readLines('/tmp/h.txt'); const b = readLines('/tmp/r.txt');
  const u = process.cpuUsage(t0);
  console.log('readLines x2', (u.user + u.system) / 1e3, 'ms', a.length + b.length);
}
