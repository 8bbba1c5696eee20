/*
 * Connection limits per server. RADB resets a client's 5th concurrent connection and
 * allows about 3 new sessions per second / 200 per minute; asrel stays under that by
 * default, for every client that shares one Politeness (the process-wide default).
 */

export interface PolitenessOptions {
  /** Concurrent connections per server (default 4). */
  maxConnections?: number;
  /** New connections per server in any 1-second window (default 3). */
  maxNewPerSecond?: number;
  /** New connections per server in any 60-second window (default 200). */
  maxNewPerMinute?: number;
}

/** Gives back a connection slot; calling it more than once is harmless. */
export type Release = () => void;

interface ServerState {
  active: number;
  starts: number[]; // times of recent connection starts, oldest first
  waiters: (() => void)[];
  timer?: NodeJS.Timeout;
}

export class Politeness {
  readonly maxConnections: number;
  readonly maxNewPerSecond: number;
  readonly maxNewPerMinute: number;
  private readonly servers = new Map<string, ServerState>();

  constructor(opts: PolitenessOptions = {}) {
    this.maxConnections = positive(opts.maxConnections ?? 4, 'maxConnections');
    this.maxNewPerSecond = positive(opts.maxNewPerSecond ?? 3, 'maxNewPerSecond');
    this.maxNewPerMinute = positive(opts.maxNewPerMinute ?? 200, 'maxNewPerMinute');
  }

  /** Waits for a connection slot to `server` (host:port) within both limits. */
  acquire(server: string): Promise<Release> {
    const st = this.state(server);
    return new Promise<Release>((resolve) => {
      st.waiters.push(() => {
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          st.active--;
          this.drain(st);
        });
      });
      this.drain(st);
    });
  }

  /** Connections currently open to `server` (for tests and diagnostics). */
  active(server: string): number {
    return this.servers.get(server)?.active ?? 0;
  }

  private state(server: string): ServerState {
    let st = this.servers.get(server);
    if (!st) this.servers.set(server, (st = { active: 0, starts: [], waiters: [] }));
    return st;
  }

  private drain(st: ServerState): void {
    while (st.waiters.length > 0 && st.active < this.maxConnections) {
      const now = Date.now();
      while (st.starts.length > 0 && now - st.starts[0] >= 60_000) st.starts.shift();
      const inLastSecond = st.starts.filter((t) => now - t < 1000);
      let wait = 0;
      if (inLastSecond.length >= this.maxNewPerSecond) wait = inLastSecond[inLastSecond.length - this.maxNewPerSecond] + 1000 - now;
      if (st.starts.length >= this.maxNewPerMinute) wait = Math.max(wait, st.starts[st.starts.length - this.maxNewPerMinute] + 60_000 - now);
      if (wait > 0) {
        if (!st.timer) {
          st.timer = setTimeout(() => {
            st.timer = undefined;
            this.drain(st);
          }, wait);
        }
        return;
      }
      st.starts.push(now);
      st.active++;
      st.waiters.shift()!();
    }
  }
}

function positive(n: number, name: string): number {
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`politeness: ${name} must be at least 1 (got ${n})`);
  return n;
}

/** Shared by all clients in the process unless one is given explicitly. */
export const defaultPoliteness = new Politeness();
