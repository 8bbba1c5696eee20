/**
 * The web app: the JSON API and the page, on Hono. Every response carries a strict
 * Content-Security-Policy: scripts, styles, images and requests from this server only, no
 * inline script or style, no frames, no plug-ins, no form posts elsewhere; with the page
 * writing registry text as text (never as HTML), a registry object holding `<script>`
 * or an AS field holding `<img onerror=…>` runs nothing.
 */
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { addApi, type ApiContext } from './api.js';
import { addPage, type PageFiles } from './page.js';

/** Host names a loopback server answers to: a page elsewhere that rebinds its own name to 127.0.0.1 is refused. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createApp(api: ApiContext, page: PageFiles, opts: { host?: string } = {}): Hono {
  const app = new Hono();
  const loopbackOnly = !opts.host || LOOPBACK.has(opts.host) || opts.host === '::1';
  if (loopbackOnly) {
    app.use('*', async (c, next) => {
      const name = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
      if (LOOPBACK.has(name)) return next();
      return c.json({ error: `this server answers on 127.0.0.1 and localhost only, not on "${name.slice(0, 60)}"`, hint: 'Open http://127.0.0.1:PORT/, or start it with --host to serve other names.' }, 421);
    });
  }
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  }));
  // Read-only: nothing but GET (and HEAD), and POST for the batch question.
  app.use('*', async (c, next) => {
    const m = c.req.method;
    if (m === 'GET' || m === 'HEAD' || (m === 'POST' && c.req.path === '/api/batch')) return next();
    return c.json({ error: `${m} is not allowed: the server is read-only`, hint: 'Use GET (POST only for /api/batch).' }, 405);
  });
  addApi(app, api);
  addPage(app, page);
  return app;
}
