/** Test helper: the error `fn` throws (fails the test when it returns instead), for asserting its class and fields. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
