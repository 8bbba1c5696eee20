/*
 * A real TCP whois server on 127.0.0.1 for the tests and the benchmark. It speaks IRRd
 * (`!` queries, A/C/D/F answers) and RIPE-style (`-k -r -s -T` queries) with objects taken
 * from real registry text in test/fixtures/, and can misbehave on purpose (faults below).
 */
import net from 'node:net';
import { afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Reads a fixture, dropping its `# provenance:` first line. */
export function fixture(path: string): string {
  const text = readFileSync(FIXTURES + path, 'utf8');
  return text.startsWith('# provenance:') ? text.slice(text.indexOf('\n') + 1) : text;
}

/** Splits RPSL text into objects keyed `class KEY` (upper-cased key), each with its text. */
export function objectsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('%'));
    if (lines.length === 0) continue;
    const m = /^([a-z0-9-]+):\s*(\S+)/i.exec(lines[0]);
    if (!m) continue;
    let key = m[2].toUpperCase();
    if (m[1].toLowerCase() === 'aut-num') key = key.replace(/^AS0*(\d)/, 'AS$1');
    out.set(`${m[1].toLowerCase()} ${key}`, `${lines.join('\n')}\n`);
  }
  return out;
}

/** What the server does instead of answering a query normally. */
export type Override =
  | { raw: string | Buffer; then?: 'end' | 'reset'; later?: { ms: number; raw: string } } // send these bytes as the answer (then close or reset, or send more later, if asked)
  | { stall: true } // send nothing more on this connection
  | { stallAfter: number; raw: string } // send the first n bytes of raw, then nothing
  | { huge: number } // announce A<huge> and stream filler until the client goes away
  | { trickle: string | Buffer; everyMs: number }; // send raw one byte every everyMs ms

export interface FakeServerOptions {
  objects: Map<string, string>;
  /** Delay before each answer is written; answers are not serialised (a 50 ms round trip). */
  delayMs?: number;
  /** Connections beyond this many open at once are reset, like RADB's 5th. */
  maxConcurrent?: number;
  /** Per-query misbehaviour; `conn` is the 1-based connection number. */
  override?: (query: string, conn: number) => Override | undefined;
  /** Reset connection `conn` after writing `bytes` bytes in total (with `graceful`: close it with a FIN instead). */
  resetAfter?: { conn: number; bytes: number; graceful?: boolean };
  /** Write every byte separately, this many ms apart. */
  trickleMs?: number;
  /** Answer `!` queries like whois.ripe.net does (with `%` text), not as IRRd. */
  ripeOnly?: boolean;
  /** Sources `!s` accepts. */
  sources?: string[];
}

export class FakeServer {
  port = 0;
  connections = 0;
  open = 0;
  maxOpen = 0;
  resets = 0;
  /** Queries received, per connection (index 0 = connection 1). */
  queries: string[][] = [];
  bytesSent: number[] = [];
  private server?: net.Server;
  private sockets = new Set<net.Socket>();

  constructor(private readonly o: FakeServerOptions) {}

  async start(): Promise<number> {
    this.server = net.createServer((s) => this.accept(s));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server!.address() as net.AddressInfo).port;
    return this.port;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** All non-setup queries received, in order, over all connections. */
  get allQueries(): string[] {
    return this.queries.flat().filter((q) => !/^!(!|n|s)/.test(q));
  }

  private accept(s: net.Socket): void {
    const conn = ++this.connections;
    this.queries[conn - 1] = [];
    this.bytesSent[conn - 1] = 0;
    this.sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => {
      this.sockets.delete(s);
      this.open--;
    });
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    if (this.o.maxConcurrent !== undefined && this.open > this.o.maxConcurrent) {
      this.resets++;
      s.resetAndDestroy();
      return;
    }
    let buf = '';
    let stalled = false;
    let keepAlive = false;
    let mode: 'irrd' | 'ripe' | undefined;
    let out = Promise.resolve();
    const send = (data: string | Buffer) => {
      if (stalled || s.destroyed) return;
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      const lim = this.o.resetAfter;
      if (lim && lim.conn === conn && this.bytesSent[conn - 1] + bytes.length >= lim.bytes) {
        const n = lim.bytes - this.bytesSent[conn - 1];
        s.write(bytes.subarray(0, n), () => (lim.graceful ? s.end() : s.resetAndDestroy()));
        this.bytesSent[conn - 1] += n;
        stalled = true;
        return;
      }
      this.bytesSent[conn - 1] += bytes.length;
      if (this.o.trickleMs) {
        out = out.then(async () => {
          for (const b of bytes) {
            if (s.destroyed) return;
            s.write(Buffer.of(b));
            await new Promise((r) => setTimeout(r, this.o.trickleMs));
          }
        });
      } else s.write(bytes);
    };
    const later = (f: () => void) => (this.o.delayMs ? setTimeout(f, this.o.delayMs) : f());

    s.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (line === '') continue;
        this.queries[conn - 1].push(line);
        mode ??= line.startsWith('!') ? 'irrd' : 'ripe';
        if (stalled) continue;
        const ov = this.o.override?.(line, conn);
        if (ov) {
          later(() => this.misbehave(s, ov, send, () => (stalled = true)));
          continue;
        }
        if (mode === 'irrd' && this.o.ripeOnly) {
          send(`${fixture('irr-access/ripe-reply-to-bang-query.txt')}\n`);
          s.end();
          return;
        }
        if (mode === 'irrd') {
          if (line === 'q') {
            s.end();
            return;
          }
          const answer = this.irrd(line);
          if (answer !== undefined) later(() => send(answer));
        } else {
          if (/(^|\s)-k(\s|$)/.test(line)) keepAlive = !keepAlive;
          const answer = this.ripe(line);
          later(() => {
            send(answer);
            if (!keepAlive) s.end();
          });
        }
      }
    });
  }

  private misbehave(s: net.Socket, ov: Override, send: (d: string | Buffer) => void, stall: () => void): void {
    if ('huge' in ov) {
      send(`A${ov.huge}\n`);
      const filler = Buffer.alloc(64 * 1024, 'x');
      let left = ov.huge;
      const pump = () => {
        while (left > 0 && !s.destroyed) {
          left -= filler.length;
          if (!s.write(filler)) return void s.once('drain', pump);
        }
      };
      pump();
      stall();
    } else if ('stallAfter' in ov) {
      send(Buffer.from(ov.raw, 'utf8').subarray(0, ov.stallAfter));
      stall();
    } else if ('stall' in ov) {
      stall();
    } else if ('trickle' in ov) {
      const bytes = typeof ov.trickle === 'string' ? Buffer.from(ov.trickle, 'utf8') : ov.trickle;
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed || i >= bytes.length) return void clearInterval(t);
        send(bytes.subarray(i, ++i));
      }, ov.everyMs);
    } else {
      send(ov.raw);
      const more = ov.later;
      if (more) setTimeout(() => send(more.raw), more.ms);
      if (ov.then === 'end') s.end();
      else if (ov.then === 'reset') s.write(Buffer.alloc(0), () => s.resetAndDestroy());
    }
  }

  private irrd(q: string): string | undefined {
    if (q === '!!') return undefined;
    if (q.startsWith('!n') || q.startsWith('!t')) return 'C\n';
    if (q.startsWith('!s')) {
      const bad = q.slice(2).split(',').filter((x) => !(this.o.sources ?? ['RADB', 'RIPE', 'DN42']).includes(x.toUpperCase()));
      return bad.length ? `F Unknown source ${bad[0]}\n` : 'C\n';
    }
    const m = /^!m([a-z-]+),(.+)$/.exec(q);
    if (m) return frame(this.o.objects.get(`${m[1]} ${m[2].toUpperCase()}`));
    const i = /^!i([^,]+)(,1)?$/.exec(q);
    if (i) {
      if (!this.o.objects.has(`as-set ${i[1].toUpperCase()}`)) return 'D\n';
      const members = this.expand(i[1].toUpperCase(), !!i[2], new Set());
      return members.length ? frame(`${members.join(' ')}\n`) : 'C\n';
    }
    if (q.startsWith('!j')) return fixture('irr-access/irrd-bang-j-ALTDB.txt');
    return `F Unrecognized command\n`;
  }

  private expand(set: string, recursive: boolean, seen: Set<string>): string[] {
    seen.add(set);
    const text = this.o.objects.get(`as-set ${set}`);
    if (!text) return [];
    const members = [...text.matchAll(/^members:\s*(.*)$/gm)].flatMap((m) => m[1].split(/[\s,]+/)).filter(Boolean).map((x) => x.toUpperCase());
    const out = new Set<string>();
    for (const mb of members) {
      if (/^AS\d+$/.test(mb)) out.add(mb);
      else if (recursive && !seen.has(mb)) for (const x of this.expand(mb, true, seen)) out.add(x);
      else if (!recursive) out.add(mb);
    }
    return [...out];
  }

  /*
   * RIPE-style answers. The AS3257 answer is the real one (test/fixtures/whois/); other
   * answers are made up in the same layout: `%` header, `% Information related to`, the
   * object, the `% This query was served by` footer, and two blank lines ending the answer.
   */
  private ripe(line: string): string {
    const t = /-T\s+(\S+)\s+(\S+)/.exec(line);
    if (!t) return '%ERROR:106: no search key specified\n\n\n';
    const key = t[2].toUpperCase();
    if (t[1] === 'aut-num' && key === 'AS3257') return fixture('whois/ripe-whois-AS3257.redacted.txt');
    const text = this.o.objects.get(`${t[1]} ${key}`);
    const head = '% This is the RIPE Database query service.\n% The objects are in RPSL format.\n%\n\n';
    if (!text) return `${head}%ERROR:101: no entries found\n%\n% No entries found in source RIPE.\n\n\n`;
    return `${head}% Information related to '${key}'\n\n${text}\n% This query was served by the RIPE Database Query Service version 1.108 (DEXTER)\n\n\n`;
  }
}

/** IRRd framing: A<n> counts bytes, including the final newline. */
export function frame(text: string | undefined): string {
  if (text === undefined) return 'D\n';
  return `A${Buffer.byteLength(text, 'utf8')}\n${text}C\n`;
}

/** The fixture objects the tests serve: real RIPE and DN42 registry text. */
export function realObjects(): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of ['irr-access/dn42-registry-2023-10-22.db', 'irr-access/AS215778.rpsl', 'irr-access/AS215778_AS-LIKHNER.rpsl', 'irr-access/AS3255.rpsl']) {
    for (const [k, v] of objectsOf(fixture(f))) m.set(k, v);
  }
  return m;
}

/**
 * Servers and clients of one test file, stopped and closed after each test:
 * `serve` starts a FakeServer over `objects`, `track` registers a client to close.
 */
export function serverHarness(objects: Map<string, string>) {
  const servers: FakeServer[] = [];
  const clients: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  return {
    async serve(o: Partial<FakeServerOptions> = {}): Promise<FakeServer> {
      const s = new FakeServer({ objects, ...o });
      await s.start();
      servers.push(s);
      return s;
    },
    track<C extends { close(): Promise<void> }>(c: C): C {
      clients.push(c);
      return c;
    },
  };
}
