/*
 * Peak memory of one client reading one large answer, measured in a child process so the
 * server's own copy of the answer is not counted:
 *
 *   node --import tsx test/irr/peak-memory.ts [irrd|ripe] [MB] [capMB]
 *
 * The parent serves an aut-num of about MB megabytes (RPSL import lines) from the fake
 * server on 127.0.0.1; the child runs the client with the answer cap at capMB and prints
 * its peak RSS (VmHWM on Linux) and its RSS before the query. test/irr/
 * limits.test.ts runs it; it is also a tool for measuring by hand.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IrrdClient } from '../../src/irr/irrd-client.js';
import { RipeClient } from '../../src/irr/ripe-client.js';
import { Politeness } from '../../src/irr/politeness.js';
import { parseObjectKey } from '../../src/irr/query.js';
import { FakeServer, frame } from './fake-server.js';

export interface PeakMemory {
  protocol: 'irrd' | 'ripe';
  answerBytes: number;
  capBytes: number;
  outcome: string;
  /** Resident set size before the query and at its peak, bytes. */
  rssBefore: number;
  maxRss: number;
}

const made = new Map<number, string>();

/** An aut-num of at least `bytes` bytes, ASCII, in RPSL import lines. */
export function bigAutNum(bytes: number): string {
  const known = made.get(bytes);
  if (known !== undefined) return known;
  const head = 'aut-num:        AS64500\nas-name:        BIG\n';
  const lines: string[] = [head];
  let n = head.length;
  for (let i = 0; n < bytes; i++) {
    const l = `import:         from AS${64512 + (i % 1000)} accept AS-SET-${i}\n`;
    lines.push(l);
    n += l.length;
  }
  lines.push('source:         TEST\n');
  const text = lines.join('');
  made.set(bytes, text);
  return text;
}

/** Runs the measurement: serves the answer here, reads it in a child process. */
export async function measurePeakMemory(protocol: 'irrd' | 'ripe', mb: number, capMb: number): Promise<PeakMemory> {
  const text = bigAutNum(mb * 1024 * 1024);
  const ripeAnswer = Buffer.from(`% Information related to 'AS64500'\n\n${text}\n% This query was served by a fake server\n\n\n`);
  const irrdAnswer = Buffer.from(frame(text));
  const server = new FakeServer({
    objects: new Map(),
    override: (q) => (q.includes('AS64500') ? { raw: protocol === 'irrd' ? irrdAnswer : ripeAnswer } : undefined),
  });
  await server.start();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'child', protocol, server.address, String(capMb)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    if (code !== 0) throw new Error(`peak-memory child exited with ${code}: ${out}`);
    const r = JSON.parse(out) as Omit<PeakMemory, 'protocol' | 'answerBytes' | 'capBytes'>;
    return { protocol, answerBytes: Buffer.byteLength(text), capBytes: capMb * 1024 * 1024, ...r };
  } finally {
    await server.stop();
  }
}

async function child(protocol: 'irrd' | 'ripe', server: string, capMb: number): Promise<void> {
  const opts = { server, politeness: new Politeness(), maxAnswerBytes: capMb * 1024 * 1024, readTimeoutMs: 10_000 };
  const client = protocol === 'irrd' ? new IrrdClient(opts) : new RipeClient(opts);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let outcome: string;
  try {
    const got = await client.getObject(parseObjectKey('AS64500'));
    outcome = `ok ${got === undefined ? 'undefined' : Buffer.byteLength(got)} bytes`;
  } catch (e) {
    outcome = `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  await client.close();
  process.stdout.write(JSON.stringify({ outcome, rssBefore, maxRss: peakRss() }));
}

/**
 * This process's peak RSS. On Linux, VmHWM of /proc/self/status: getrusage's maxRSS would
 * include the parent's RSS at fork time (exec keeps the old high-water mark), and the parent
 * holds its own copy of the answer.
 */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

const [, , mode, ...rest] = process.argv;
if (mode === 'child') {
  await child(rest[0] as 'irrd' | 'ripe', rest[1], Number(rest[2]));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const protocol = (mode ?? 'irrd') as 'irrd' | 'ripe';
  const r = await measurePeakMemory(protocol, Number(rest[0] ?? 60), Number(rest[1] ?? 64));
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  console.log(`${r.protocol}: ${mib(r.answerBytes)} answer, cap ${mib(r.capBytes)}: ${r.outcome}; RSS before ${mib(r.rssBefore)}, peak ${mib(r.maxRss)}`);
}
