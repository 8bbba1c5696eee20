/**
 * NRTMv3 over whois (port 43): one `-g SOURCE:3:FIRST-LAST` query on its own connection,
 * read to its `%END` line (or the server's close), bounded like every whois read in asrel
 * (src/irr/connection-options.ts: connect and read timeouts, an overall deadline, a size
 * cap) and counted against the same per-server politeness limits as the whois clients.
 */
import net from 'node:net';
import { connectionSettings, type ConnectionOptions } from '../irr/connection-options.js';
import { defaultPoliteness } from '../irr/politeness.js';
import { formatServer, parseServer } from '../irr/server.js';
import { SyncError } from './errors.js';
import { parseNrtm3, type Nrtm3Answer } from './nrtm3-parse.js';

/** An NRTM answer may hold a day of a busy registry's changes: a larger cap than one object's. */
export const MAX_NRTM3_BYTES = 256 * 1024 * 1024;

export interface Nrtm3Options extends Pick<ConnectionOptions, 'connectTimeoutMs' | 'readTimeoutMs' | 'queryDeadlineMs' | 'maxAnswerBytes' | 'politeness'> {}

/** Serials from `first` to the server's newest (`LAST`), parsed; SyncError `retry` on network faults. */
export async function queryNrtm3(server: string, source: string, first: number, opts: Nrtm3Options = {}): Promise<Nrtm3Answer> {
  const address = parseServer(server);
  const name = formatServer(address);
  const o = connectionSettings({ server: address, maxAnswerBytes: MAX_NRTM3_BYTES, queryDeadlineMs: 600_000, ...opts });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(source)) throw new SyncError('refuse', `'${source}' is not a source name`);
  const query = `-g ${source.toUpperCase()}:3:${first}-LAST`;
  const release = await (opts.politeness ?? defaultPoliteness).acquire(name);
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: address.host, port: address.port });
      const chunks: Buffer[] = [];
      let size = 0;
      let tail = '';
      let done = false;
      const fail = (why: string) => finish(new SyncError('retry', `${name}: ${query}: ${why}; nothing of it applied`));
      const finish = (e?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(connectTimer);
        clearTimeout(deadline);
        socket.destroy();
        if (e) reject(e);
        else resolve(Buffer.concat(chunks, size).toString('utf8'));
      };
      const connectTimer = setTimeout(() => fail(`no connection within ${o.connectTimeoutMs / 1000} s`), o.connectTimeoutMs);
      const deadline = setTimeout(() => fail(`no complete answer within ${o.queryDeadlineMs / 1000} s`), o.queryDeadlineMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        socket.setTimeout(o.readTimeoutMs);
        socket.write(`${query}\n`);
      });
      socket.on('data', (b: Buffer) => {
        size += b.length;
        if (size > o.maxAnswerBytes) return fail(`the answer is larger than ${o.maxAnswerBytes} bytes`);
        chunks.push(b);
        // The answer is whole at its %END line, an error or the "no updates" warning; the server may keep the connection open (-k).
        tail = (tail + b.toString('latin1')).slice(-512);
        if (/(^|\n)%END [^\n]*\n/.test(tail) || (size < 4096 && /(^|\n)%\s*(ERROR:|Warning: there are no)[^\n]*\n/i.test(tail))) finish();
      });
      // IRRd ends the answer with `%END SOURCE` and no newline: with the connection kept open, silence after it is the end.
      socket.on('timeout', () => (/(^|\n)%END \S+\s*$/.test(tail) ? finish() : fail(`no data for ${o.readTimeoutMs / 1000} s (received ${size} bytes)`)));
      socket.on('error', (e: NodeJS.ErrnoException) => fail(size ? `the connection failed after ${size} bytes (${e.code ?? e.message})` : `cannot connect (${e.code ?? e.message})`));
      socket.on('close', () => finish());
    });
    return parseNrtm3(text, source);
  } finally {
    release();
  }
}
