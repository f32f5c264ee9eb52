import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { scan13a, WordTable } from '../src/counting/index.js';
const data = JSON.parse(gunzipSync(readFileSync('/work/shared/data/metrics/sacrebleu-significance-wmt17.json.gz')).toString('utf8')) as { systems: [string, unknown][] };
const lines: string[] = [];
for (const [, l] of data.systems) for (const x of (Array.isArray((l as any)[0]) ? (l as any)[0] : l) as string[]) lines.push(x);
function time(name: string, f: () => number): void {
  f();
  const t0 = process.cpuUsage();
  let r = 0; for (let k = 0; k < 4; k++) r = f();
  const u = process.cpuUsage(t0);
  console.log(`${name.padEnd(24)} ${((u.user + u.system) / 4e3).toFixed(0).padStart(6)} ms  (${r})`);
}
time('scan13a', () => { let s = 0; for (const l of lines) s += scan13a(l).count; return s; });
time('scan + hash', () => { let s = 0; for (const l of lines) { const t = scan13a(l); const cu = t.cu, sp = t.spans;
  for (let k = 0; k < t.count; k++) { let h = 0x811c9dc5; for (let i = sp[2*k]; i < sp[2*k+1]; i++) h = Math.imul(h ^ cu[i], 0x01000193); s = (s + h) | 0; } } return s; });
const wt = new WordTable();
time('scan + ids', () => { let s = 0; for (const l of lines) { const t = scan13a(l); for (let k = 0; k < t.count; k++) s += wt.id(t.cu, t.spans[2 * k], t.spans[2 * k + 1], true); } return s; });
console.log('words', wt.size);
const m = new Map<string, number>();
time('scan + Map', () => { let s = 0; for (const l of lines) { const t = scan13a(l); for (let k = 0; k < t.count; k++) { const w = l.slice(t.spans[2*k], t.spans[2*k+1]); let id = m.get(w); if (id === undefined) m.set(w, id = m.size); s += id; } } return s; });
{
  // probe stats
  const t: any = wt; const slots: Int32Array = t.slots; const mask: number = t.mask;
  let probes = 0, n = 0;
  for (const l of lines.slice(0, 5000)) { const tt = scan13a(l); for (let k = 0; k < tt.count; k++) {
    const cu = tt.cu, st = tt.spans[2*k], en = tt.spans[2*k+1]; const len = en - st;
    let h = 0x811c9dc5 ^ len; for (let i = st; i < en; i++) h = Math.imul(h ^ cu[i], 0x01000193); h ^= h >>> 15;
    let s = h & mask; let p = 1; while (!(slots[4*s] === h && slots[4*s+3] === len)) { s = (s+1)&mask; p++; } probes += p; n++; } }
  console.log('avg probes', probes / n, 'cap', mask + 1);
}
{
  const t: any = wt; const slots: Int32Array = t.slots; const mask: number = t.mask;
  time('scan + hash + slot read', () => { let s0 = 0; for (const l of lines) { const tt = scan13a(l); const cu = tt.cu, sp = tt.spans;
    for (let k = 0; k < tt.count; k++) { const st = sp[2*k], en = sp[2*k+1]; let h = 0x811c9dc5 ^ (en - st); for (let i = st; i < en; i++) h = Math.imul(h ^ cu[i], 0x01000193); h ^= h >>> 15; s0 = (s0 + slots[4 * (h & mask) + 1]) | 0; } } return s0; });
  const small = new Int32Array(64 * 1024);
  time('scan + hash + small read', () => { let s0 = 0; for (const l of lines) { const tt = scan13a(l); const cu = tt.cu, sp = tt.spans;
    for (let k = 0; k < tt.count; k++) { const st = sp[2*k], en = sp[2*k+1]; let h = 0x811c9dc5 ^ (en - st); for (let i = st; i < en; i++) h = Math.imul(h ^ cu[i], 0x01000193); h ^= h >>> 15; s0 = (s0 + small[h & 0xffff]) | 0; } } return s0; });
}
{
  const t: any = wt; const slots: Int32Array = t.slots; const mask: number = t.mask; const pool: Uint16Array = t.pool;
  time('.. + verify vs self', () => { let s0 = 0; for (const l of lines) { const tt = scan13a(l); const cu = tt.cu, sp = tt.spans;
    for (let k = 0; k < tt.count; k++) { const st = sp[2*k], en = sp[2*k+1]; let h = 0x811c9dc5 ^ (en - st); for (let i = st; i < en; i++) h = Math.imul(h ^ cu[i], 0x01000193); h ^= h >>> 15; 
    const q = 4 * (h & mask); let ok = slots[q] === h && slots[q+3] === en - st; if (ok) for (let i = st; i < en; i++) if (cu[i] !== cu[i + 0]) { ok = false; break; } s0 = (s0 + (ok ? slots[q+1] : 0)) | 0; } } return s0; });
  time('.. + verify vs pool', () => { let s0 = 0; for (const l of lines) { const tt = scan13a(l); const cu = tt.cu, sp = tt.spans;
    for (let k = 0; k < tt.count; k++) { const st = sp[2*k], en = sp[2*k+1]; let h = 0x811c9dc5 ^ (en - st); for (let i = st; i < en; i++) h = Math.imul(h ^ cu[i], 0x01000193); h ^= h >>> 15; 
    const q = 4 * (h & mask); let ok = slots[q] === h && slots[q+3] === en - st; const p = slots[q+2] - st; if (ok) for (let i = st; i < en; i++) if (cu[i] !== pool[p + i]) { ok = false; break; } s0 = (s0 + (ok ? slots[q+1] : 0)) | 0; } } return s0; });
}
