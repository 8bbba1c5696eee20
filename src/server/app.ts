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

export function createApp(api: ApiContext, page: PageFiles): Hono {
  const app = new Hono();
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
