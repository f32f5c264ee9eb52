/**
 * A bounded cache of tokenized words, with Rust's policy: up to 10,000 words shorter than 256
 * bytes, and once full nothing more is added (the frequent words of a text show up early, and a
 * miss then costs one lookup, with no eviction churn). Results are deterministic, so the cache only
 * changes speed.
 */
export const DEFAULT_CACHE_CAPACITY = 10_000;
/** Words this long or longer (UTF-16 units) are not cached. */
export const MAX_CACHED_LENGTH = 256;

export class WordCache<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly capacity: number = DEFAULT_CACHE_CAPACITY) {}

  /** Whether `set` would keep a word this long (so callers can skip building the value). */
  accepts(word: string): boolean {
    return this.map.size < this.capacity && word.length < MAX_CACHED_LENGTH;
  }

  get(word: string): V | undefined {
    return this.map.get(word);
  }

  set(word: string, value: V): void {
    if (this.map.size >= this.capacity || word.length >= MAX_CACHED_LENGTH) return;
    this.map.set(word, value);
  }

  clear(): void {
    this.map.clear();
  }
}
