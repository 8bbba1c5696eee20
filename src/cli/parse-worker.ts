/**
 * Worker thread of `asrel parse` (bundled as dist/parse-worker.js): parses batches of
 * objects sent by src/cli/parse-pool.ts and answers with their results, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processObject, type Mode, type ObjectJob } from './parse-work.js';

const mode = workerData as Mode;
parentPort!.on('message', (msg: { id: number; jobs: ObjectJob[] }) => {
  parentPort!.postMessage({ id: msg.id, results: msg.jobs.map((j) => processObject(j, mode)) });
});
