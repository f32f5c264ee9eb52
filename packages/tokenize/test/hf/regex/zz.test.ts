import { test } from 'vitest';
import tokenizers from 'tokenizers';
import { ourPieces, preTokenizerOf } from '../normalizers/reference.js';
const LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
test('probe', async () => {
  const lib = tokenizers as any;
  for (const re of [LLAMA3 + '|\\x00', '\\w+|[^\\w\\s]+', '[[:alpha:]]+|\\p{Lu}|\\P{Ll}|[\\p{Han}\\d]|[^\\p{Latin}\\s]|\\p{^L}']) {
    const pre = { type: 'Split', pattern: { Regex: re }, behavior: 'Isolated', invert: false };
    const tok = lib.Tokenizer.fromString(JSON.stringify({version:'1.0',truncation:null,padding:null,added_tokens:[],normalizer:null,pre_tokenizer:pre,post_processor:null,decoder:null,model:{type:'WordLevel',vocab:{'[UNK]':0},unk_token:'[UNK]'}}));
    const ours = preTokenizerOf(pre);
    const diffs: string[] = [];
    const texts: string[] = [], cps: number[] = [];
    for (let c = 0x80; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      texts.push(`x${ch}x1${ch}1 ${ch}'${ch}A`);
      cps.push(c);
    }
    for (let k = 0; k < texts.length; k += 5000) {
      const batch = texts.slice(k, k + 5000);
      const encs = await tok.encodeBatch(batch);
      batch.forEach((text, i) => {
        if (JSON.stringify(encs[i].getOffsets()) !== JSON.stringify(ourPieces(null, ours, text).map((p) => p[1]))) diffs.push(cps[k + i]!.toString(16));
      });
    }
    console.log('RX', re.slice(0, 30), diffs.length, diffs.slice(0, 40).join(' '));
  }
}, 900000);
