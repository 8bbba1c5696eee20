/**
 * One overall deadline for a whole live operation (a question's gathering, `show`, a
 * `fetch` run): the per-read timeout stops a silent server, not one sending a byte a second,
 * and the per-query deadline bounds one answer, not a run of them. When the deadline passes,
 * every query not yet answered fails with an IrrError of kind `deadline` (a network fault:
 * the caller answers from what it has) and the client is closed.
 */
import { IrrError } from './errors.js';
import type { ObjectSource } from './open.js';
import { objectKeyString, type ObjectKey } from './query.js';

export class DeadlineSource implements ObjectSource {
  private expired = false;
  private readonly timer: NodeJS.Timeout;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly inner: ObjectSource, private readonly ms: number) {
    this.timer = setTimeout(() => this.expire(), ms);
    // The deadline alone never keeps the process running.
    this.timer.unref();
  }

  get server(): string {
    return this.inner.server;
  }

  private error(k: ObjectKey): IrrError {
    return new IrrError('deadline', this.inner.server, objectKeyString(k), `no answer within the overall --timeout of ${this.ms / 1000} s: stopped`);
  }

  private expire(): void {
    this.expired = true;
    for (const reject of this.waiting) reject();
    this.waiting.clear();
    void this.inner.close().catch(() => {});
  }

  getObject(k: ObjectKey): Promise<string | undefined> {
    if (this.expired) return Promise.reject(this.error(k));
    return new Promise((resolve, reject) => {
      const onDeadline = () => reject(this.error(k));
      this.waiting.add(onDeadline);
      this.inner.getObject(k).then(
        (v) => {
          this.waiting.delete(onDeadline);
          resolve(v);
        },
        (e: unknown) => {
          this.waiting.delete(onDeadline);
          reject(this.expired ? this.error(k) : e);
        },
      );
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.inner.close();
  }
}
