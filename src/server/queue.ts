/**
 * Heavy requests (questions, whole-data analyses) wait their turn here: at most `slots` run
 * at once (one per core), the others wait in order. A request still waiting at its deadline
 * is refused (503) rather than answered late; one that has started runs to its end (the
 * analysis is synchronous and cannot be stopped halfway).
 */
export class BusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the server is busy: the question waited ${Math.round(waitedMs / 1000)} s for a free slot`);
  }
}

interface Waiting { start: () => void; timer: NodeJS.Timeout }

export class HeavyQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(readonly slots: number, readonly deadlineMs: number) {}

  get stats() {
    return { running: this.running, waiting: this.waiting.length, slots: this.slots, deadlineMs: this.deadlineMs };
  }

  async run<T>(task: () => T | Promise<T>): Promise<T> {
    if (this.running >= this.slots) {
      const t0 = Date.now();
      await new Promise<void>((resolve, reject) => {
        const w: Waiting = {
          start: () => { clearTimeout(w.timer); resolve(); },
          timer: setTimeout(() => {
            this.waiting.splice(this.waiting.indexOf(w), 1);
            reject(new BusyError(Date.now() - t0));
          }, this.deadlineMs),
        };
        this.waiting.push(w);
      });
    } else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next.start(); // the slot passes on
      else this.running--;
    }
  }
}
