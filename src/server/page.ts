/** The page's files (HTML, the bundled script, the style sheet), read once at start and served from memory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { UserError } from '../analysis/errors.js';

export interface PageFiles { html: string; js: string; css: string }

const FILES = { html: 'index.html', js: 'app.js', css: 'app.css' } as const;

export function readPageFiles(dir: string): PageFiles {
  try {
    return Object.fromEntries(Object.entries(FILES).map(([k, f]) => [k, readFileSync(join(dir, f), 'utf8')])) as unknown as PageFiles;
  } catch (e) {
    throw new UserError(`the web page is not built (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}: ${dir})`, 2, 'Run `npm run build` (node scripts/build.mjs) in the package folder.');
  }
}

export function addPage(app: Hono, files: PageFiles): void {
  const cache = { 'Cache-Control': 'no-cache' };
  app.get('/', (c) => c.body(files.html, 200, { ...cache, 'Content-Type': 'text/html; charset=utf-8' }));
  app.get('/app.js', (c) => c.body(files.js, 200, { ...cache, 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/app.css', (c) => c.body(files.css, 200, { ...cache, 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.notFound((c) => c.text('not found', 404));
}
