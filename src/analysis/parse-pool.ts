/**
 * Worker threads for `asrel parse` on large inputs. Objects are independent, so pieces of
 * the input (whole objects, sent as text) are read and parsed on `size` workers while the
 * main thread cuts the input, writes the output, and parses a piece itself whenever every
 * worker has work queued; the caller keeps results in input order.
 * The worker script is dist/parse-worker.js, next to the bundle's chunks; when it is not
 * there (running from source), `ParsePool.create` returns undefined and the caller parses
 * in its own thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Mode, PieceJob, PieceResult } from './parse-work.js';

function workerScript(): string | undefined {
  for (const rel of ['./parse-worker.js', '../parse-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return fileURLToPath(url);
  }
  return undefined;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class ParsePool {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: PieceResult) => void; reject: (e: unknown) => void }>();
  private failure: unknown;

  private constructor(private readonly slots: Slot[]) {
    for (const s of slots) {
      s.worker.on('message', (m: { id: number; result: PieceResult }) => {
        s.busy--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve(m.result);
      });
      s.worker.on('error', (e) => this.fail(e));
      s.worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`parse worker exited with code ${code}`)); });
    }
  }

  static create(size: number, mode: Mode): ParsePool | undefined {
    const script = workerScript();
    if (!script || size < 1) return undefined;
    const slots = Array.from({ length: size }, () => ({
      worker: new Worker(script, { workerData: mode }),
      busy: 0,
    }));
    return new ParsePool(slots);
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  /** Pieces sent and not answered yet, over all workers. */
  get pending(): number {
    return this.waiting.size;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Parses a piece on the least busy worker. */
  submit(job: PieceJob): Promise<PieceResult> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
