/**
 * Starts the web server: opens the data once (it stays open between requests), reads the
 * page, listens on 127.0.0.1 unless told otherwise.
 */
import { availableParallelism } from 'node:os';
import { serve, type ServerType } from '@hono/node-server';
import { webAssetsDir } from '../analysis/package-files.js';
import { AnalysisSession, type SessionArgs } from '../analysis/session.js';
import { createApp } from './app.js';
import { readPageFiles } from './page.js';
import { HeavyQueue } from './queue.js';

export interface ServeOptions extends SessionArgs {
  port: number;
  host: string;
  ixp?: string[];
  /** Seconds a question may wait for a free slot (default 60). */
  deadlineS?: number;
  /** Where the page's files are (default: the package's dist/web). */
  webDir?: string;
}

export interface RunningServer {
  url: string;
  session: AnalysisSession;
  close(): Promise<void>;
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const page = readPageFiles(o.webDir ?? webAssetsDir());
  const session = await AnalysisSession.open(o);
  const queue = new HeavyQueue(availableParallelism(), (o.deadlineS ?? 60) * 1000);
  const app = createApp({ session, queue, ixp: o.ixp }, page, { host: o.host });
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, (info) => resolve(info.port));
    server.once('error', reject);
  }).catch((e: NodeJS.ErrnoException) => {
    session.close();
    throw e;
  });
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}`,
    session,
    close: () => new Promise<void>((resolve) => {
      server.close(() => { session.close(); resolve(); });
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }),
  };
}
