import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { scan13a, scanWhitespace } from '../src/counting/index.js';
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
time('scanWhitespace', () => { let s = 0; for (const l of lines) s += scanWhitespace(l).count; return s; });
const cu = new Uint16Array(1 << 16);
const sp = new Int32Array(1 << 16);
function v1(s: string): number {
  const n = s.length; let count = 0; let start = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    cu[i] = c;
    if (c === 32) { if (start >= 0) { sp[2 * count] = start; sp[2 * count++ + 1] = i; start = -1; } }
    else if (start < 0) start = i;
  }
  if (start >= 0) { sp[2 * count] = start; sp[2 * count++ + 1] = n; }
  return count;
}
time('v1 space only', () => { let s = 0; for (const l of lines) s += v1(l); return s; });
function v2(s: string): number {
  const n = s.length; let count = 0; 
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    cu[i] = c;
    count += c === 32 ? 1 : 0;
  }
  return count;
}
time('v2 count spaces', () => { let s = 0; for (const l of lines) s += v2(l); return s; });
function v3(s: string): number {
  const n = s.length; let count = 0; 
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    count += c === 32 ? 1 : 0;
  }
  return count;
}
time('v3 count no store', () => { let s = 0; for (const l of lines) s += v3(l); return s; });
const flat = lines.map((l) => (l + ' ').slice(0, -1));
time('v3 flat', () => { let s = 0; for (const l of flat) s += v3(l); return s; });
time('scan13a flat', () => { let s = 0; for (const l of flat) s += scan13a(l).count; return s; });
const enc = new TextEncoder(); const b = new Uint8Array(1<<16);
function v4(s: string): number {
  const n = enc.encodeInto(s, b).written!; let count = 0;
  for (let i = 0; i < n; i++) count += b[i] === 32 ? 1 : 0;
  return count;
}
time('v4 encodeInto + count', () => { let s = 0; for (const l of lines) s += v4(l); return s; });
const nb = Buffer.alloc(1 << 17);
const u16 = new Uint16Array(nb.buffer, nb.byteOffset, nb.length >> 1);
function v5(s: string): number {
  const n = nb.write(s, 0, 'utf16le') >> 1; let count = 0;
  for (let i = 0; i < n; i++) count += u16[i] === 32 ? 1 : 0;
  return count;
}
time('v5 utf16le write + count', () => { let s = 0; for (const l of lines) s += v5(l); return s; });
function v6(s: string): number {
  const n = (nb as any).ucs2Write(s, 0) >> 1; let count = 0;
  for (let i = 0; i < n; i++) count += u16[i] === 32 ? 1 : 0;
  return count;
}
time('v6 ucs2Write + count', () => { let s = 0; for (const l of lines) s += v6(l); return s; });
time('v6 ucs2Write only', () => { let s = 0; for (const l of lines) s += (nb as any).ucs2Write(l, 0); return s; });
console.log(nb.byteOffset);
