/**
 * The JSON API: each route answers what the CLI's `--json` prints for the same question
 * (src/analysis builds both). Questions run through the heavy queue; parameters are read
 * with the CLI's parsers, so a bad AS gets the CLI's one-line error as a 400.
 */
import type { Context, Hono } from 'hono';
import { answerSvg } from '../analysis/drawing.js';
import { batchQuestion } from '../analysis/batch.js';
import { UserError } from '../analysis/errors.js';
import { EXPLORE_MODES, neighbourhood, type ExploreMode } from '../analysis/neighbourhood.js';
import { darkSpotsQuestion, explainQuestion, neighborsQuestion, pathJson, reachQuestion, relQuestion, whyUnreachableJson } from '../analysis/questions.js';
import type { AnalysisSession } from '../analysis/session.js';
import { asnArg } from '../analysis/asn.js';
import { FAMILIES } from '../analysis/families.js';
import { errorAnswer } from './errors.js';
import { asnParam, countParam, familiesParam, familyParam, type Query } from './params.js';
import type { HeavyQueue } from './queue.js';

export interface ApiContext {
  session: AnalysisSession;
  queue: HeavyQueue;
  ixp?: string[];
  /** Largest AS list /api/batch takes. */
  maxBatch?: number;
}

const BATCH_MAX = 300;
const EXPLORE_MAX = 20_000;

export function addApi(app: Hono, api: ApiContext): void {
  const { session, queue } = api;
  /** A question: parameters read, then the answer computed in the queue, or the error as JSON. */
  const route = (path: string, answer: (q: Query, c: Context) => Promise<unknown> | unknown) => {
    app.get(path, async (c) => {
      try {
        const q: Query = (n) => c.req.query(n);
        return c.json(await answer(q, c) as object);
      } catch (e) {
        const r = errorAnswer(e);
        return c.json(r.body, r.status);
      }
    });
  };
  const pair = (q: Query) => ({ a: asnParam(q, 'a', 'the first AS, A'), b: asnParam(q, 'b', 'the second AS, B'), afi: familyParam(q, 'ipv4'), ixp: api.ixp });

  route('/api/why-unreachable', (q) => {
    const p = pair(q);
    return queue.run(async () => whyUnreachableJson(await explainQuestion(session, p)));
  });
  route('/api/path', (q) => {
    const p = pair(q);
    return queue.run(async () => pathJson(await explainQuestion(session, p, [p.afi])));
  });
  route('/api/rel', (q) => {
    const a = asnParam(q, 'a', 'first AS');
    const b = asnParam(q, 'b', 'second AS');
    const fams = familiesParam(q);
    return queue.run(() => relQuestion(session, a, b, fams));
  });
  route('/api/neighbors', (q) => {
    const asn = asnParam(q, 'asn', 'the AS');
    const fams = familiesParam(q);
    return queue.run(() => neighborsQuestion(session, asn, fams));
  });
  route('/api/reach', (q) => {
    const asn = asnParam(q, 'asn', 'ASN');
    const top = countParam(q, 'top', 0, 10_000);
    return queue.run(() => reachQuestion(session, asn, top));
  });
  route('/api/dark-spots', (q) => {
    const top = countParam(q, 'top', 1, 1000);
    const afi = q('afi') === undefined ? undefined : familyParam(q, 'ipv4');
    return queue.run(() => darkSpotsQuestion(session, top, afi, api.ixp));
  });
  route('/api/explore', (q) => {
    const asn = asnParam(q, 'asn', 'the AS');
    const afi = familyParam(q, 'ipv6');
    const mode = (q('mode') ?? 'neighbours') as ExploreMode;
    if (!EXPLORE_MODES.includes(mode)) throw new UserError(`mode=${mode.slice(0, 20)} is not an explorer mode`, 2, `Use mode=${EXPLORE_MODES.join(', mode=')}.`);
    const max = countParam(q, 'max', 5000, EXPLORE_MAX);
    return queue.run(() => neighbourhood(session, asn, afi, mode, max));
  });
  route('/api/health', () => ({
    ok: true,
    data: session.kind,
    notes: session.openNotes,
    wholeGraphsBuilt: session.wholeBuilt,
    live: !!session.args.live,
    queue: queue.stats,
  }));

  // The drawing: an SVG document, shown by the page in an <img> (which runs no script).
  app.get('/api/drawing', async (c) => {
    try {
      const q: Query = (n) => c.req.query(n);
      const p = pair(q);
      const svg = await queue.run(async () => answerSvg(await explainQuestion(session, { ...p, ixp: undefined })));
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    } catch (e) {
      const r = errorAnswer(e);
      return c.json(r.body, r.status);
    }
  });

  // Batch: POST a list of ASes ({"asns": [...]} or one per line), get `batch --json`.
  app.post('/api/batch', async (c) => {
    try {
      const text = await c.req.text();
      if (text.length > 100_000) throw new UserError('the AS list is too long (over 100,000 characters)', 2, `Post at most ${api.maxBatch ?? BATCH_MAX} ASes.`);
      let items: unknown[];
      if (/^\s*[[{]/.test(text)) {
        let body: unknown;
        try { body = JSON.parse(text); } catch { throw new UserError('the body is not valid JSON', 2, 'Post {"asns": [6939, 174]} or one AS per line.'); }
        const list = Array.isArray(body) ? body : (body as { asns?: unknown }).asns;
        if (!Array.isArray(list)) throw new UserError('the body has no "asns" list', 2, 'Post {"asns": [6939, 174]} or one AS per line.');
        items = list;
      } else items = text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
      const asns = [...new Set(items.map((x, i) => asnArg(x, `item ${i + 1} of the list`)))];
      const max = api.maxBatch ?? BATCH_MAX;
      if (asns.length < 2) throw new UserError('the list needs at least two different ASes', 2, 'Post two or more AS numbers.');
      if (asns.length > max) throw new UserError(`the list has ${asns.length} ASes; the server takes at most ${max}`, 2, 'Use `asrel batch` for longer lists.');
      const famArg = c.req.query('afi');
      const fams = famArg === undefined ? FAMILIES : [familyParam((n) => c.req.query(n), 'ipv4')];
      return c.json(await queue.run(() => batchQuestion(session, asns, fams)));
    } catch (e) {
      const r = errorAnswer(e);
      return c.json(r.body, r.status);
    }
  });

  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.method} ${c.req.path.slice(0, 80)}`, hint: 'See GET /api/health and the README\'s Web section for the routes.' }, 404));
}
