/**
 * Worker body: trains its `ShardTask` (see `shard.ts`) on the shared weights, posting a tick about
 * every 10,000 words (the main thread reads the numbers from the shared progress array) and
 * `done` or `error` at the end (the protocol of `pool.ts`).
 */
import { serveTask } from './pool.js';
import { trainShard, type ShardTask } from './shard.js';

serveTask<ShardTask>((task, tick) => trainShard(task, tick));
