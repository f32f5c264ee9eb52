import { describe, expect, test } from 'vitest';
import { TokenizerJsonError } from '../../../src/errors.js';
import { EncodingBuilder } from '../../../src/hf/encoding-builder.js';
import { JsonReader } from '../../../src/hf/json-reader.js';
import { postProcessorFromJSON } from '../../../src/hf/post-processors/index.js';
import { thrown } from '../../thrown.js';

/** A hand-made sequence encoding: tokens with offsets, word i per token. */
function seq(tokens: string[], offsets: [number, number][], typeId = 0): EncodingBuilder {
  const e = new EncodingBuilder();
  tokens.forEach((t, i) => e.push(100 + i, t, offsets[i]![0], offsets[i]![1], i, typeId));
  return e;
}

function read(json: unknown) {
  return postProcessorFromJSON(JsonReader.at(json, '$.post_processor'));
}

const bert = { type: 'BertProcessing', sep: ['[SEP]', 102], cls: ['[CLS]', 101] };
const roberta = { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: true };
const template = {
  type: 'TemplateProcessing',
  single: [{ SpecialToken: { id: '<bos>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
  pair: [
    { SpecialToken: { id: '<bos>', type_id: 0 } },
    { Sequence: { id: 'A', type_id: 0 } },
    { SpecialToken: { id: '<bos>', type_id: 1 } },
    { Sequence: { id: 'B', type_id: 1 } },
  ],
  special_tokens: { '<bos>': { id: '<bos>', ids: [7, 8], tokens: ['<', 'bos>'] } },
};

describe('BertProcessing', () => {
  test('single: [CLS] A [SEP]', () => {
    const out = read(bert).process([seq(['a', 'b'], [[0, 1], [2, 3]])], true).toEncoding();
    expect(out.ids).toEqual([101, 100, 101, 102]);
    expect(out.tokens).toEqual(['[CLS]', 'a', 'b', '[SEP]']);
    expect(out.specialTokensMask).toEqual([1, 0, 0, 1]);
    expect(out.offsets).toEqual([[0, 0], [0, 1], [2, 3], [0, 0]]);
    expect(out.wordIds).toEqual([null, 0, 1, null]);
    expect(out.sequenceIds).toEqual([null, 0, 0, null]);
  });

  test('pair: B and its [SEP] get type id 1', () => {
    const p = read(bert);
    expect(p.addedTokens(true)).toBe(3);
    const out = p.process([seq(['a'], [[0, 1]]), seq(['b'], [[0, 1]])], true).toEncoding();
    expect(out.tokens).toEqual(['[CLS]', 'a', '[SEP]', 'b', '[SEP]']);
    expect(out.typeIds).toEqual([0, 0, 0, 1, 1]);
    expect(out.sequenceIds).toEqual([null, 0, null, 1, null]);
  });

  test('without special tokens only merges', () => {
    const out = read(bert).process([seq(['a'], [[0, 1]]), seq(['b'], [[0, 1]])], false).toEncoding();
    expect(out.tokens).toEqual(['a', 'b']);
    expect(out.typeIds).toEqual([0, 1]);
  });
});

describe('RobertaProcessing', () => {
  test('trims spaces from offsets and uses type id 0 everywhere', () => {
    const p = read(roberta);
    const out = p.process([seq(['Ġhello', 'Ġ'], [[0, 6], [6, 7]]), seq(['Ġworld'], [[0, 6]])], true).toEncoding();
    expect(out.tokens).toEqual(['<s>', 'Ġhello', 'Ġ', '</s>', '</s>', 'Ġworld', '</s>']);
    // The first token keeps its one leading space (add_prefix_space), later ones are trimmed.
    expect(out.offsets).toEqual([[0, 0], [0, 6], [7, 7], [0, 0], [0, 0], [0, 6], [0, 0]]);
    expect(out.typeIds).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(p.addedTokens(true)).toBe(4);
  });
});

describe('TemplateProcessing', () => {
  test('a special token standing for several ids', () => {
    const p = read(template);
    expect(p.addedTokens(false)).toBe(2);
    expect(p.addedTokens(true)).toBe(4);
    const out = p.process([seq(['a'], [[0, 1]]), seq(['b'], [[0, 1]])], true).toEncoding();
    expect(out.ids).toEqual([7, 8, 100, 7, 8, 100]);
    expect(out.tokens).toEqual(['<', 'bos>', 'a', '<', 'bos>', 'b']);
    expect(out.typeIds).toEqual([0, 0, 0, 1, 1, 1]);
    expect(out.specialTokensMask).toEqual([1, 1, 0, 1, 1, 0]);
  });

  test('round-trips to JSON', () => {
    expect(read(template).toJSON()).toEqual(template);
  });

  test('an unknown special token is reported with its path', () => {
    const bad = structuredClone(template);
    bad.single[0] = { SpecialToken: { id: '<nope>', type_id: 0 } };
    const e = thrown(() => read(bad));
    expect(e).toBeInstanceOf(TokenizerJsonError);
    expect((e as TokenizerJsonError).path).toBe('$.post_processor.single[0].SpecialToken.id');
  });

  test('a wrong sequence id is reported with its path', () => {
    const bad = structuredClone(template) as unknown as { single: { Sequence: { id: unknown } }[] };
    bad.single[1]!.Sequence.id = 5;
    expect((thrown(() => read(bad)) as TokenizerJsonError).path).toBe('$.post_processor.single[1].Sequence.id');
  });
});

describe('ByteLevel and Sequence', () => {
  test('ByteLevel trims leading and trailing Ġ', () => {
    const p = read({ type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true });
    const out = p.process([seq(['ĠĠhi', 'thereĠ', 'ĠĠ'], [[0, 4], [4, 10], [10, 12]])], true).toEncoding();
    expect(out.offsets).toEqual([[2, 4], [4, 9], [12, 12]]);
  });

  test('Sequence chains processors and sums their added tokens', () => {
    const p = read({ type: 'Sequence', processors: [{ type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true }, template] } as unknown);
    expect(p.addedTokens(false)).toBe(2);
    const out = p.process([seq(['Ġa'], [[0, 2]])], true).toEncoding();
    expect(out.tokens).toEqual(['<', 'bos>', 'Ġa']);
    expect(out.offsets).toEqual([[0, 0], [0, 0], [0, 2]]);
  });

  test('unsupported type is named', () => {
    const e = thrown(() => read({ type: 'Fancy' })) as TokenizerJsonError;
    expect(e).toBeInstanceOf(TokenizerJsonError);
    expect(e.path).toBe('$.post_processor.type');
    expect(e.message).toContain('"Fancy"');
  });

  test('a bad [token, id] is reported with its element path', () => {
    const e = thrown(() => read({ ...bert, cls: ['[CLS]', 'x'] })) as TokenizerJsonError;
    expect(e.path).toBe('$.post_processor.cls[1]');
  });
});

describe('EncodingBuilder truncation and padding', () => {
  test('right truncation with stride makes overlapping overflow windows', () => {
    const e = seq(['a', 'b', 'c', 'd', 'e'], [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);
    e.truncate(3, 1, 'right');
    const out = e.toEncoding();
    expect(out.tokens).toEqual(['a', 'b', 'c']);
    expect(out.overflowing.map((o) => o.tokens)).toEqual([['c', 'd', 'e']]);
  });

  test('left truncation keeps the tail', () => {
    const e = seq(['a', 'b', 'c', 'd', 'e'], [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]]);
    e.truncate(2, 0, 'left');
    const out = e.toEncoding();
    expect(out.tokens).toEqual(['d', 'e']);
    expect(out.overflowing.map((o) => o.tokens)).toEqual([['b', 'c'], ['a']]);
  });

  test('left padding shifts sequence ids', () => {
    const e = seq(['a'], [[0, 1]]);
    e.setSequenceId(0);
    e.pad(3, 0, 0, '[PAD]', 'left');
    const out = e.toEncoding();
    expect(out.tokens).toEqual(['[PAD]', '[PAD]', 'a']);
    expect(out.attentionMask).toEqual([0, 0, 1]);
    expect(out.sequenceIds).toEqual([null, null, 0]);
  });
});
