/**
 * `lm translate`: translates lines (files or stdin) with a local encoder–decoder folder (Optimum layout, `Seq2SeqLm`)
 * or a d2l-style GRU + attention folder (`AttentionSeq2Seq`), a batch of lines per model call, one translation a
 * line (or JSON lines); for the attention model, `--attention-dir` writes one SVG heat map per line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidOptionError } from '../errors.js';
import type { AttentionTranslation, Generation } from '../neural/index.js';
import { LineWriter, resolveSources, type CliIo } from './io.js';
import { integerOption, numberOption } from './options.js';
import { counted, startProgress } from './progress.js';

interface TranslateFlags {
  beams?: string;
  maxNewTokens?: string;
  lengthPenalty?: string;
  batchSize: string;
  device: string;
  threads?: string;
  json?: boolean;
  attentionDir?: string;
  progress: boolean;
  sample?: boolean;
  temperature?: string;
  topK?: string;
  topP?: string;
  seed: string;
}

export function configureTranslate(cmd: Command, io: CliIo): Command {
  return cmd
    .description('translate lines with a local ONNX encoder–decoder (Marian/BART/T5 in Optimum layout) or d2l GRU + attention model')
    .argument('<model>', 'model folder (config.json, tokenizer(s), onnx/)')
    .argument('[files...]', 'input files, one source a line ("-" or none: stdin)')
    .option('--beams <n>', "beam search width (default: generation_config.json's num_beams, else 1 = greedy)")
    .option('--max-new-tokens <n>', 'longest translation in tokens')
    .option('--length-penalty <x>', 'beam score = sum of log-probs / length ** x')
    .option('--sample', 'sample each token instead of beam/greedy search (encoder–decoders; seeded)')
    .option('--temperature <t>', 'with --sample: divide logits by t (above 1 flatter)')
    .option('--top-k <k>', 'with --sample: draw only among the k most likely tokens')
    .option('--top-p <p>', 'with --sample: draw only from the smallest set of tokens with probability >= p')
    .option('--seed <n>', 'with --sample: RNG seed (batch i uses seed + i, so a run repeats for the same --batch-size)', '0')
    .option('--batch-size <n>', 'lines per model call (beams of all of them share one pass)', '16')
    .option('--device <name>', 'cpu | cuda | webgpu (a GPU that cannot load falls back to CPU with a warning)', 'cpu')
    .option('--threads <n>', 'ONNX Runtime intra-op threads')
    .option('--json', 'one JSON object a line: {"source","text","tokens","score"}')
    .option('--attention-dir <dir>', 'attention models: write <dir>/<line number>.svg, a source × target heat map per line')
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText('after', '\nExit status: 0 ok, 1 bad input (missing files, bad model folder), 2 bad usage.')
    .action(async (modelDir: string, files: string[], flags: TranslateFlags) => {
      const numBeams = flags.beams === undefined ? undefined : integerOption('--beams', flags.beams);
      const maxNewTokens = flags.maxNewTokens === undefined ? undefined : integerOption('--max-new-tokens', flags.maxNewTokens);
      const lengthPenalty = flags.lengthPenalty === undefined ? undefined : numberOption('--length-penalty', flags.lengthPenalty);
      const sampling = {
        doSample: flags.sample === true ? true : undefined,
        temperature: flags.temperature === undefined ? undefined : numberOption('--temperature', flags.temperature),
        topK: flags.topK === undefined ? undefined : integerOption('--top-k', flags.topK),
        topP: flags.topP === undefined ? undefined : numberOption('--top-p', flags.topP),
      };
      const seed = integerOption('--seed', flags.seed);
      const batchSize = integerOption('--batch-size', flags.batchSize);
      if (batchSize < 1) throw new InvalidOptionError('--batch-size', batchSize, 'an integer >= 1');
      const device = flags.device;
      if (device !== 'cpu' && device !== 'cuda' && device !== 'webgpu') throw new InvalidOptionError('--device', device, 'cpu | cuda | webgpu');
      const runtime = { device, intraOpNumThreads: flags.threads === undefined ? undefined : integerOption('--threads', flags.threads), onWarning: (m: string) => void io.stderr.write(`lm: ${m}\n`) } as const;
      const sources = await resolveSources(io, files);
      const cfgPath = join(modelDir, 'config.json');
      const attention = existsSync(cfgPath) && (JSON.parse(readFileSync(cfgPath, 'utf8')) as { model_type?: unknown }).model_type === 'd2l-seq2seq-attention';
      if (attention && flags.sample) throw new InvalidOptionError('--sample', true, 'an encoder–decoder folder (attention models decode greedily or with beams)');
      if (flags.attentionDir !== undefined && !attention) throw new InvalidOptionError('--attention-dir', flags.attentionDir, 'a d2l-seq2seq-attention model (this folder has no attention weights to plot)');
      // Loaded on use: importing the neural code (and @nlpkit/tokenize under it) costs ~0.15 s of CPU,
      // which every other `lm` command would pay at start (8% of an order-3 `lm train`).
      const [{ AttentionSeq2Seq, attentionHeatmapSvg, Seq2SeqLm }, { writeFileAtomic }] = await Promise.all([import('../neural/index.js'), import('@nlpkit/tokenize')]);
      const model = attention ? await AttentionSeq2Seq.load(modelDir, runtime) : await Seq2SeqLm.load(modelDir, runtime);
      const out = new LineWriter(io.stdout);
      if (flags.attentionDir !== undefined) await mkdir(flags.attentionDir, { recursive: true });
      const options = { numBeams, maxNewTokens, lengthPenalty, ...sampling };
      let lineNo = 0;
      let batchNo = 0;
      const flush = async (lines: string[]): Promise<void> => {
        const results: (Generation | AttentionTranslation)[] = await model.translate(lines, { ...options, seed: seed + batchNo++ });
        const first = lineNo + 1;
        lineNo += lines.length;
        // numReturnSequences is 1: one result per line, in order.
        let text = '';
        for (const [i, r] of results.entries()) {
          text += flags.json ? `${JSON.stringify({ source: lines[i], text: r.text, tokens: r.tokens, ...(r.score === undefined ? {} : { score: r.score }) })}\n` : `${r.text}\n`;
          if (flags.attentionDir !== undefined) await writeFileAtomic(join(flags.attentionDir, `${first + i}.svg`), attentionHeatmapSvg(r as AttentionTranslation, { title: lines[i] }));
        }
        await out.write(text);
      };
      try {
        for (const source of sources) {
          const progress = await startProgress(io.stderr, source.size, flags.progress && io.stderrIsTTY, `translate ${source.name}`);
          const rl = createInterface({ input: Readable.from(counted(source.open(), progress)), crlfDelay: Infinity });
          let batch: string[] = [];
          for await (const line of rl) {
            batch.push(line);
            if (batch.length === batchSize) {
              await flush(batch);
              batch = [];
              if (out.closed) break;
            }
          }
          if (batch.length) await flush(batch);
          progress.stop();
        }
      } finally {
        await model.release();
      }
    });
}
