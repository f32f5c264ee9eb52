/**
 * A private temporary directory inside the user's spill directory (`nlpkit-glove-XXXXXX`), holding
 * every temporary file of counting and shuffling, and removed whole — on success and on error — so
 * nothing is left behind. A directory that cannot be created becomes a `SpillDirError`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { nodeIo, RecordWriter, spillError, type SpillIo } from './records.js';

export class SpillDir {
  private serial = 0;

  private constructor(
    /** The directory the user gave (named in errors). */
    readonly parent: string,
    /** Our private directory inside it. */
    readonly path: string,
    readonly io: SpillIo,
  ) {}

  static create(parent: string, io: SpillIo = nodeIo): SpillDir {
    try {
      return new SpillDir(parent, mkdtempSync(join(parent, 'nlpkit-glove-')), io);
    } catch (e) {
      throw spillError(parent, e);
    }
  }

  /** A fresh file name in the directory. */
  file(stem: string): string {
    return join(this.path, `${stem}_${String(this.serial++).padStart(4, '0')}.bin`);
  }

  writer(stem: string, expected?: number): RecordWriter {
    return new RecordWriter(this.file(stem), this.parent, this.io, expected);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
