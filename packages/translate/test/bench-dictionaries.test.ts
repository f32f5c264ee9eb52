// The word benches' dictionary helpers (bench/dictionaries.ts): reading induced dictionaries back as seeds,
// inverting them, and fusing two of them by reciprocal rank.
import { describe, expect, it } from 'vitest';
import { firstTargets, fuseByReciprocalRank, invertFirstTargets } from '../bench/dictionaries.js';

// Induced dictionaries as word-translation.ts --write-dicts writes them: up to 3 candidates a word, best first.
const dim300 = ['chat cat 0.30', 'chat dog 0.20', 'chat house 0.10', 'le it 0.10', 'le the 0.05', 'maison house 0.40', ''].join('\n');
const dim100 = ['le the 0.09', 'le it 0.02', 'chat dog 0.25', 'chat cat 0.24', 'chien dog 0.31', '</s> the 0.5', ''].join('\n');

describe('induced dictionaries as seeds', () => {
  it('reads each source word’s first target, in file order', () => {
    expect(firstTargets(dim300)).toEqual([['chat', 'cat'], ['le', 'it'], ['maison', 'house']]);
  });

  it('inverts first targets, keeping the highest-scoring source per target and skipping </s>', () => {
    const text = ['a x 0.2', 'b x 0.5', 'c y 0.1', '</s> z 0.9', ''].join('\n');
    expect(invertFirstTargets(text)).toEqual([['x', 'b'], ['y', 'c']]);
  });
});

describe('fuseByReciprocalRank', () => {
  it('scores candidates by summed reciprocal ranks, ties to the first dictionary', () => {
    const fused = fuseByReciprocalRank([dim300, dim100]);
    expect(fused).toEqual([
      // cat: 1 + 1/2, dog: 1/2 + 1: a tie, and the first dictionary ranked cat higher.
      ['chat', 'cat', 1.5],
      // it: 1 + 1/2 and the: 1/2 + 1 tie too, so the first dictionary's pick stays.
      ['le', 'it', 1.5],
      ['maison', 'house', 1],
      // In the second dictionary only; </s> is skipped.
      ['chien', 'dog', 1],
    ]);
  });

  it('lets agreement beat one dictionary’s first choice', () => {
    const a = ['w x 1', 'w y 1', 'w z 1', ''].join('\n');
    const b = ['w y 1', 'w z 1', ''].join('\n');
    expect(fuseByReciprocalRank([a, b])).toEqual([['w', 'y', 1.5]]);
  });

  it('is one dictionary’s first targets when given one', () => {
    expect(fuseByReciprocalRank([dim300]).map(([s, w]) => [s, w])).toEqual(firstTargets(dim300));
  });
});
