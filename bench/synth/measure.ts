/**
 * Whole-process measurement: wall time and peak resident memory of a command.
 *
 * Peak RSS comes from `/usr/bin/time -f %M` when it is installed (GNU time reports the
 * kernel's ru_maxrss, which for a process with children is the largest of the process and
 * its waited-for descendants); otherwise from polling `/proc/<pid>/status` VmHWM of the
 * main process every 20 ms (the high-water mark only grows, so only the growth after the
 * last poll can be missed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from '../stats.js';

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keep the standard output (default false: discarded; large exports should use --out). */
  captureStdout?: boolean;
  /** Write standard output to this file instead. */
  stdoutFile?: string;
  /** Kill the process after this many ms (default: none). */
  timeoutMs?: number;
  /** Force the /proc polling method even when /usr/bin/time exists. */
  poll?: boolean;
}

export interface Measurement {
  wallMs: number;
  peakRssMiB: number;
  exitCode: number;
  stdout?: string;
  stderr: string;
  method: 'gnu-time' | 'proc-poll';
  timedOut?: boolean;
}

const GNU_TIME = '/usr/bin/time';

function readHwmKiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function measureProcess(cmd: string, args: string[], opts: MeasureOptions = {}): Promise<Measurement> {
  const useTime = !opts.poll && existsSync(GNU_TIME);
  const tmp = useTime ? mkdtempSync(join(tmpdir(), 'asrel-measure-')) : undefined;
  const timeFile = tmp ? join(tmp, 'time.txt') : undefined;
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile!, cmd, ...args]] : [cmd, args];
  const outFd = opts.stdoutFile ? openSync(opts.stdoutFile, 'w') : undefined;
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, {
      cwd: opts.cwd, env: opts.env ?? process.env,
      stdio: ['ignore', outFd ?? (opts.captureStdout ? 'pipe' : 'ignore'), 'pipe'],
    });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => { if (err.length < 2000) err.push(b); });
    // Polling: the main process (under GNU time, its child, the real command).
    let hwm = 0;
    const target = () => {
      if (!useTime) return child.pid;
      try {
        const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
        return kids.length ? Number(kids[0]) : undefined;
      } catch { return undefined; }
    };
    const poll = setInterval(() => {
      const pid = target();
      if (pid !== undefined) hwm = Math.max(hwm, readHwmKiB(pid) ?? 0);
    }, 20);
    let timedOut = false;
    const timer = opts.timeoutMs ? setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, opts.timeoutMs) : undefined;
    child.on('error', (e) => { clearInterval(poll); reject(e); });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      if (outFd !== undefined) closeSync(outFd);
      let peakKiB = hwm;
      if (timeFile) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const v = Number(lines[lines.length - 1]);
          if (Number.isFinite(v)) peakKiB = Math.max(peakKiB, v);
        } catch { /* keep the polled value */ }
        rmSync(tmp!, { recursive: true, force: true });
      }
      resolvePromise({
        wallMs, peakRssMiB: peakKiB / 1024, exitCode: code ?? (signal ? 128 : 1),
        stdout: opts.captureStdout && outFd === undefined ? Buffer.concat(out).toString('utf8') : undefined,
        stderr: Buffer.concat(err).toString('utf8'), method: useTime ? 'gnu-time' : 'proc-poll', timedOut,
      });
    });
  });
}

/** Runs `fn` n times (one after another); returns the median of each numeric field and the runs. */
export async function medianOf<T extends { wallMs: number; peakRssMiB: number }>(n: number, fn: () => Promise<T>): Promise<{ wallMs: number; peakRssMiB: number; runs: T[] }> {
  const runs: T[] = [];
  for (let i = 0; i < n; i++) runs.push(await fn());
  return { wallMs: median(runs.map((r) => r.wallMs)), peakRssMiB: median(runs.map((r) => r.peakRssMiB)), runs };
}
