/**
 * Worker thread of `asrel parse` (bundled as dist/parse-worker.js): parses the pieces of
 * input sent by src/analysis/parse-pool.ts and answers with their results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { processPiece, type Mode, type PieceJob } from '../analysis/parse-work.js';

const mode = workerData as Mode;
parentPort!.on('message', (msg: { id: number; job: PieceJob }) => {
  parentPort!.postMessage({ id: msg.id, result: processPiece(msg.job, mode) });
});
