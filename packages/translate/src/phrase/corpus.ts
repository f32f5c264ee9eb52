/**
 * A tokenised corpus as word ids in one flat Int32Array (`ids`) with sentence offsets, over a growing
 * `WordVocabulary`: the form the aligner and the phrase extractor read, so their loops never touch strings.
 */

/** Word ↔ id. Id 0 is reserved for NULL (the empty word IBM models align to). */
export class WordVocabulary {
  readonly words: string[] = ['<null>'];
  private readonly ids = new Map<string, number>();

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  get size(): number {
    return this.words.length;
  }
}

export class IdCorpus {
  /** Sentence k is `ids.subarray(offsets[k], offsets[k + 1])`. */
  readonly ids: Int32Array;
  readonly offsets: Int32Array;

  constructor(
    sentences: readonly (readonly string[])[],
    readonly vocab: WordVocabulary,
  ) {
    let total = 0;
    for (const s of sentences) total += s.length;
    this.ids = new Int32Array(total);
    this.offsets = new Int32Array(sentences.length + 1);
    let p = 0;
    for (let k = 0; k < sentences.length; k++) {
      for (const w of sentences[k]) this.ids[p++] = vocab.id(w);
      this.offsets[k + 1] = p;
    }
  }

  get length(): number {
    return this.offsets.length - 1;
  }
}
