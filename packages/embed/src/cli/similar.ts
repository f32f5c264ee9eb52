/**
 * `embed similar` and `embed analogy`: nearest neighbours of words, and analogy answers (3CosAdd or
 * 3CosMul), as a table or JSON. With a fastText `.bin` model, unknown words get their vectors from
 * their character n-grams (as `fasttext nn` / `analogies` do).
 */
import type { Command } from 'commander';
import { UnknownWordsError } from '../errors.js';
import type { FastTextModel } from '../fasttext/index.js';
import { unitVector, type KeyedVectors, type Neighbor, type QueryTerm } from '../vectors/index.js';
import { print, type CliIo } from './io.js';
import { addVectorFileOptions, integerFlag, loadModel, type VectorFileFlags } from './options.js';

interface QueryFlags extends VectorFileFlags {
  top: string;
  restrict?: string;
  json?: boolean;
  cosmul?: boolean;
}

function queryOptions(flags: QueryFlags): { topN: number; restrictVocab?: number } {
  return {
    topN: integerFlag('--top', flags.top, 1),
    restrictVocab: flags.restrict === undefined ? undefined : integerFlag('--restrict', flags.restrict, 1),
  };
}

/** Unknown words are an error, unless a fastText model can give them vectors. */
function checkWords(kv: KeyedVectors, words: readonly string[], model?: FastTextModel): void {
  const missing = words.filter((w) => !kv.has(w));
  if (missing.length > 0 && !model) throw new UnknownWordsError(missing);
}

/** A known word as itself; an unknown one (fastText models only) as its unit-length n-gram vector. */
function term(kv: KeyedVectors, word: string, model?: FastTextModel): QueryTerm {
  return kv.has(word) || !model ? word : unitVector(Float64Array.from(model.wordVector(word)));
}

/** Neighbours as aligned "word  0.1234" lines, indented under a heading. */
function table(neighbors: readonly Neighbor[]): string {
  const width = Math.max(0, ...neighbors.map((n) => [...n.word].length));
  return neighbors.map((n) => `  ${n.word}${' '.repeat(width - [...n.word].length)}  ${n.similarity.toFixed(4)}\n`).join('');
}

const round = (neighbors: readonly Neighbor[]) => neighbors.map((n) => ({ word: n.word, similarity: n.similarity }));

export function configureSimilar(cmd: Command, io: CliIo): Command {
  addVectorFileOptions(
    cmd
      .description('Print the nearest neighbours (cosine similarity) of each word')
      .argument('<vectors>', 'vector file (word2vec .bin/.txt, fastText .vec) or fastText .bin model (unknown words: from their n-grams)')
      .argument('<words...>', 'query words')
      .option('-n, --top <n>', 'neighbours per word', '10')
      .option('--restrict <n>', 'search only the first n words of the vocabulary')
      .option('--json', 'print JSON: [{"word", "neighbors": [{"word", "similarity"}]}]'),
  )
    .addHelpText('after', '\nExample:\n  embed similar vectors.bin king paris --top 5\n')
    .action(async (file: string, words: string[], flags: QueryFlags) => {
      const options = queryOptions(flags);
      const { kv, model } = await loadModel(file, flags);
      checkWords(kv, words, model);
      const results = words.map((word) => ({
        word,
        neighbors: kv.has(word) || !model ? kv.similarByWord(word, options) : kv.similarByVector(model.wordVector(word), options),
      }));
      if (flags.json) await print(io, JSON.stringify(results.map((r) => ({ word: r.word, neighbors: round(r.neighbors) }))) + '\n');
      else await print(io, results.map((r) => `${r.word}\n${table(r.neighbors)}`).join('\n'));
    });
  return cmd;
}

export function configureAnalogy(cmd: Command, io: CliIo): Command {
  addVectorFileOptions(
    cmd
      .description('Answer "a is to b as ? is to c": the words closest to a - b + c (king man woman → queen)')
      .argument('<vectors>', 'vector file (word2vec .bin/.txt, fastText .vec) or fastText .bin model (unknown words: from their n-grams)')
      .argument('<a>', 'positive word (king)')
      .argument('<b>', 'negative word (man)')
      .argument('<c>', 'positive word (woman)')
      .option('-n, --top <n>', 'answers to print', '10')
      .option('--restrict <n>', 'search only the first n words of the vocabulary')
      .option('--cosmul', "3CosMul (Levy & Goldberg; gensim's most_similar_cosmul) instead of 3CosAdd")
      .option('--json', 'print JSON: [{"word", "similarity"}]'),
  )
    .addHelpText('after', '\nThe question words are never answers (as gensim and word2vec C).\n\nExample:\n  embed analogy vectors.bin king man woman --top 3\n')
    .action(async (file: string, a: string, b: string, c: string, flags: QueryFlags) => {
      const options = queryOptions(flags);
      const { kv, model } = await loadModel(file, flags);
      checkWords(kv, [a, b, c], model);
      const [ta, tb, tc] = [a, b, c].map((w) => term(kv, w, model));
      const answers = flags.cosmul ? kv.mostSimilarCosMul([ta, tc], [tb], options) : kv.mostSimilar([ta, tc], [tb], options);
      if (flags.json) await print(io, JSON.stringify(round(answers)) + '\n');
      else await print(io, `${a} - ${b} + ${c}${flags.cosmul ? ' (3CosMul)' : ''}\n${table(answers)}`);
    });
  return cmd;
}
