/**
 * The one error of the `embed` CLI itself: bad usage that commander cannot see (exit 2). Everything
 * else comes from the library's typed errors.
 */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
