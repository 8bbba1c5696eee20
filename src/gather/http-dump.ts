/**
 * A dump where it lives: `asrel import https://…/ripe.db.aut-num.gz` streams the body
 * (gzip or plain, recognised by content) straight into the store, dated by Last-Modified.
 */
import { Readable } from 'node:stream';
import { basename } from 'node:path';

export interface HttpDump {
  stream: NodeJS.ReadableStream;
  /** File name from the URL, for provenance. */
  name: string;
  /** YYYY-MM-DD from Last-Modified, when the server sent one. */
  lastModified?: string;
  /** Content-Length, for progress. */
  size?: number;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

export class HttpDumpError extends Error {}

/**
 * `deadlineS`: the whole download (headers and body) must end within this many seconds
 * (`--timeout`), or it stops as a cut download does; none by default, since a whole
 * registry's dump may take long (undici still gives up after 300 s without a byte).
 */
export async function openHttpDump(url: string, onBytes?: (n: number) => void, deadlineS?: number): Promise<HttpDump> {
  let res: Response;
  const signal = deadlineS !== undefined ? AbortSignal.timeout(deadlineS * 1000) : undefined;
  const why = (e: unknown) => (signal?.aborted ? `no end within the --timeout of ${deadlineS} s` : networkWhy(e));
  try {
    res = await fetch(url, { redirect: 'follow', headers: { 'user-agent': 'asrel' }, ...(signal ? { signal } : {}) });
  } catch (e) {
    throw new HttpDumpError(`cannot download ${url}: ${why(e)}`);
  }
  if (!res.ok || !res.body) throw new HttpDumpError(`cannot download ${url}: HTTP ${res.status} ${res.statusText}`);
  const lm = res.headers.get('last-modified');
  const t = lm ? Date.parse(lm) : NaN;
  const len = Number(res.headers.get('content-length'));
  const web = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  const size = Number.isFinite(len) && len > 0 ? len : undefined;
  // The body as it arrives, counted; a body cut short (before its Content-Length, or by a
  // reset) ends in one HttpDumpError saying how much came, never an unhandled stream error.
  async function* counted(): AsyncGenerator<Buffer> {
    let n = 0;
    try {
      for await (const chunk of web as AsyncIterable<Buffer>) {
        n += chunk.length;
        onBytes?.(n);
        yield chunk;
      }
    } catch (e) {
      throw new HttpDumpError(`the download broke off after ${n}${size ? ` of ${size}` : ''} bytes: ${why(e)}`);
    }
    if (size !== undefined && n < size) throw new HttpDumpError(`the download ended after ${n} of ${size} bytes (Content-Length)`);
  }
  return {
    stream: Readable.from(counted(), { objectMode: false }),
    name: basename(new URL(url).pathname) || new URL(url).host,
    ...(Number.isFinite(t) ? { lastModified: new Date(t).toISOString().slice(0, 10) } : {}),
    ...(size ? { size } : {}),
  };
}

/** What a failed fetch or body read says: the socket error under undici's `fetch failed` / `terminated`. */
function networkWhy(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (e as { code?: string }).code ?? '';
  if (code === 'ECONNRESET') return 'the connection was reset (ECONNRESET)';
  if (code === 'UND_ERR_SOCKET') return `the server closed the connection (${cause?.message ?? code})`;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `no such host (${code})`;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}
