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

export async function openHttpDump(url: string, onBytes?: (n: number) => void): Promise<HttpDump> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', headers: { 'user-agent': 'asrel' } });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? '';
    const why = code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' ? `the connection broke (${code})`
      : code === 'ECONNREFUSED' ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `no such host (${code})`
          : cause?.code ?? cause?.message ?? (e as Error).message;
    throw new HttpDumpError(`cannot download ${url}: ${why}`);
  }
  if (!res.ok || !res.body) throw new HttpDumpError(`cannot download ${url}: HTTP ${res.status} ${res.statusText}`);
  const lm = res.headers.get('last-modified');
  const t = lm ? Date.parse(lm) : NaN;
  const len = Number(res.headers.get('content-length'));
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  if (onBytes) {
    let n = 0;
    body.on('data', (c: Buffer) => onBytes((n += c.length)));
  }
  return {
    stream: body,
    name: basename(new URL(url).pathname) || new URL(url).host,
    ...(Number.isFinite(t) ? { lastModified: new Date(t).toISOString().slice(0, 10) } : {}),
    ...(Number.isFinite(len) && len > 0 ? { size: len } : {}),
  };
}
