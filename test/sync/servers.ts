/*
 * Mirror servers for the sync tests, on 127.0.0.1 inside the test process:
 *  - FileServer: plain HTTP serving a map of paths to bytes (dumps, CURRENTSERIAL, NRTMv4 files),
 *    with a per-path hook to misbehave (cut a body, change it after its hash was published);
 *  - Nrtm4Publisher: writes NRTMv4 snapshot and delta files (gzip'd JSON text sequences) and an
 *    Update Notification File signed as a compact JWS with a key pair made in the test;
 *  - Nrtm3Journal: answers `-g SOURCE:3:FIRST-LAST` as IRRd does, served through the whois
 *    FakeServer of test/irr/fake-server.ts.
 * SYNTHETIC DATA: the objects are made up (AS64496–AS65551 documentation and private ASNs).
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Store } from '../../src/store/store.js';
import { FakeServer } from '../irr/fake-server.js';

export class FileServer {
  files = new Map<string, Buffer>();
  /** Return true when the hook answered the request itself. */
  hook?: (path: string, res: http.ServerResponse, body: Buffer | undefined) => boolean;
  requests: string[] = [];
  private server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push(path);
    const body = this.files.get(path);
    if (this.hook?.(path, res, body)) return;
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  });
  port = 0;

  async start(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export type TestChange = { op: 'add'; text: string } | { op: 'del'; cls: string; key: string };

const RS = '\x1e';

function jsonSeq(records: unknown[]): Buffer {
  return gzipSync(Buffer.from(records.map((r) => `${RS}${JSON.stringify(r)}\n`).join(''), 'utf8'));
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A compact JWS of `payload`: EdDSA with an Ed25519 key, ES256 with a P-256 one. */
export function signJws(payload: string, key: KeyObject): string {
  const alg = key.asymmetricKeyType === 'ed25519' ? 'EdDSA' : 'ES256';
  const input = `${b64u(JSON.stringify({ alg }))}.${b64u(payload)}`;
  const sig = alg === 'EdDSA' ? sign(null, Buffer.from(input), key) : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64u(sig)}`;
}

export function keyPair(type: 'ed25519' | 'p256' = 'ed25519'): { privateKey: KeyObject; publicPem: string } {
  const kp = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey: kp.privateKey, publicPem: kp.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * One NRTMv4 repository on a FileServer: a session, the snapshot of some version and the
 * deltas after it, like IRRd's server writes them (every file name unique per publication).
 */
export class Nrtm4Publisher {
  sessionId = crypto.randomUUID();
  key = keyPair();
  /** Signs the UNF with this key instead (a wrong signature). */
  signWith?: KeyObject;
  timestamp?: string;
  /** Announced in the UNF as next_signing_key (PEM). */
  nextKey?: string;
  private n = 0;
  readonly unfPath: string;

  constructor(readonly files: FileServer, readonly source = 'TEST') {
    this.unfPath = `/${source.toLowerCase()}/update-notification-file.jose`;
  }

  get unfUrl(): string {
    return this.files.url(this.unfPath);
  }

  /** Publishes the snapshot at `snapshot.version` and these deltas; returns the paths written. */
  publish(snapshot: { version: number; objects: string[] }, deltas: { version: number; changes: TestChange[] }[]): { snapshot: string; deltas: Map<number, string> } {
    const head = (type: string, version: number) => ({ nrtm_version: 4, type, source: this.source, session_id: this.sessionId, version });
    const tag = `${this.n++}`;
    const snapPath = `/${this.source.toLowerCase()}/nrtm-snapshot.${this.sessionId}.${snapshot.version}.${tag}.json.gz`;
    this.files.files.set(snapPath, jsonSeq([head('snapshot', snapshot.version), ...snapshot.objects.map((object) => ({ object }))]));
    const deltaPaths = new Map<number, string>();
    for (const d of deltas) {
      const p = `/${this.source.toLowerCase()}/nrtm-delta.${this.sessionId}.${d.version}.${tag}.json.gz`;
      this.files.files.set(p, jsonSeq([head('delta', d.version), ...d.changes.map((c) => (c.op === 'add' ? { action: 'add_modify', object: c.text } : { action: 'delete', object_class: c.cls, primary_key: c.key }))]));
      deltaPaths.set(d.version, p);
    }
    const ref = (version: number, path: string) => ({ version, url: path.split('/').pop(), hash: createHash('sha256').update(this.files.files.get(path)!).digest('hex') });
    const version = Math.max(snapshot.version, ...deltas.map((d) => d.version));
    const unf = {
      ...head('notification', version),
      timestamp: this.timestamp ?? new Date().toISOString(),
      snapshot: ref(snapshot.version, snapPath),
      deltas: deltas.map((d) => ref(d.version, deltaPaths.get(d.version)!)),
      ...(this.nextKey ? { next_signing_key: this.nextKey } : {}),
    };
    this.files.files.set(this.unfPath, Buffer.from(signJws(JSON.stringify(unf), this.signWith ?? this.key.privateKey)));
    return { snapshot: snapPath, deltas: deltaPaths };
  }
}

/** An NRTMv3 journal answering `-g` queries as IRRd does (serials may skip numbers). */
export class Nrtm3Journal {
  entries: { serial: number; op: 'ADD' | 'DEL'; text: string }[] = [];
  /** Journal entries older than this are gone (a server keeps a few days). */
  oldest = 1;
  /** Answer instead (a cut stream, a malformed one). */
  answer?: (query: string) => string | undefined;
  queries: string[] = [];

  constructor(readonly source = 'TEST') {}

  add(serial: number, op: 'ADD' | 'DEL', text: string): void {
    this.entries.push({ serial, op, text });
  }

  get newest(): number {
    return this.entries.at(-1)?.serial ?? this.oldest - 1;
  }

  reply(query: string): string {
    this.queries.push(query);
    const special = this.answer?.(query);
    if (special !== undefined) return special;
    const m = /^(?:-k )?-g ([A-Za-z0-9_-]+):3:(\d+)-(LAST|\d+)$/.exec(query.trim());
    if (!m) return '%ERROR:405: syntax error\n\n';
    if (m[1]!.toUpperCase() !== this.source) return `%ERROR:403: unknown source ${m[1]}\n\n`;
    const first = Number(m[2]);
    const last = m[3] === 'LAST' ? this.newest : Number(m[3]);
    if (first === this.newest + 1 && m[3] === 'LAST') return '% Warning: there are no newer updates available\n\n';
    if (first < this.oldest || first > this.newest || last > this.newest) return `%ERROR:401: invalid range: Not within ${this.oldest}-${this.newest}\n\n`;
    const out = [`% NRTM test journal (synthetic)\n`, `%START Version: 3 ${this.source} ${first}-${last}\n`];
    for (const e of this.entries) if (e.serial >= first && e.serial <= last) out.push(`${e.op} ${e.serial}\n\n${e.text.trimEnd()}\n`);
    out.push(`%END ${this.source}\n`);
    return `${out.join('\n')}\n`;
  }

  /** A whois server (the suite's FakeServer) answering this journal's `-g` queries. */
  async serve(): Promise<FakeServer> {
    const s = new FakeServer({ objects: new Map(), override: (q) => (/(^|\s)-g\s/.test(q) ? { raw: this.reply(q), then: 'end' } : undefined) });
    await s.start();
    return s;
  }
}

/** A made-up aut-num: `lines` are its import/export lines. */
export function autNum(asn: number, lines: string[], source = 'TEST'): string {
  return [`aut-num:        AS${asn}`, `as-name:        SYNTH-${asn}`, ...lines, `remarks:        synthetic test object`, `mnt-by:         MNT-TEST`, `source:         ${source}`].join('\n') + '\n';
}

/** `a` buys transit from `b` (both sides written). */
export function customerOf(a: number, b: number): { a: string[]; b: string[] } {
  return {
    a: [`import:         from AS${b} accept ANY`, `export:         to AS${b} announce AS${a}`],
    b: [`import:         from AS${a} accept AS${a}`, `export:         to AS${a} announce ANY`],
  };
}

/** Servers and stores of one test file, stopped, closed and removed after each test. */
export function mirrorHarness(prefix = 'asrel-sync-') {
  const stops: (() => Promise<void>)[] = [];
  const stores: Store[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    /** A new store in a folder of its own. */
    store(): Store {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      const s = Store.open(d);
      stores.push(s);
      return s;
    },
    async files(): Promise<FileServer> {
      const f = await new FileServer().start();
      stops.push(() => f.stop());
      return f;
    },
    async whois(j: Nrtm3Journal): Promise<FakeServer> {
      const s = await j.serve();
      stops.push(() => s.stop());
      return s;
    },
  };
}
