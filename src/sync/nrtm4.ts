/**
 * NRTMv4 (draft-ietf-grow-nrtm-v4, now RFC 10063): the Update Notification File (UNF), a
 * JWS-signed JSON document naming the session, the current version, one snapshot file and
 * the delta files since, each with its SHA-256; snapshot and delta files are JSON text
 * sequences (gzip'd) whose first record is a header (source, session, version, type) and
 * whose other records are objects (snapshot: `{object}`) or changes (delta: `add_modify`
 * with the object text, `delete` with `object_class` and `primary_key`).
 * Formats as in the draft and IRRd's implementation (irrd/mirroring/nrtm4/); code our own.
 */
import { SyncError } from './errors.js';
import { jsonSeq, JsonSeqError } from './json-seq.js';

export interface FileRef {
  version: number;
  /** Absolute URL (resolved against the UNF's). */
  url: string;
  /** Lower-case hex SHA-256 of the file as served. */
  hash: string;
}

export interface UpdateNotification {
  source: string;
  sessionId: string;
  version: number;
  timestamp: string;
  snapshot: FileRef;
  /** Contiguous versions, oldest first. */
  deltas: FileRef[];
  nextSigningKey?: string;
}

/** A UNF older than this is refused: the draft has clients reject stale files (a replay, or a stuck server). */
export const UNF_MAX_AGE_MS = 24 * 3600 * 1000;

const bad = (why: string) => new SyncError('refuse', `the notification file ${why}`);

function positiveInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw bad(`has no valid ${what} (${JSON.stringify(v)})`);
  return v;
}

function fileRef(v: unknown, base: string, what: string): FileRef {
  const r = v as { version?: unknown; url?: unknown; hash?: unknown } | null;
  if (!r || typeof r !== 'object') throw bad(`has no ${what}`);
  if (typeof r.url !== 'string' || r.url.length > 2000) throw bad(`names no valid URL for ${what}`);
  let url: URL;
  try {
    url = new URL(r.url, base);
  } catch {
    throw bad(`names an invalid URL for ${what}: ${r.url.slice(0, 100)}`);
  }
  if (url.protocol !== new URL(base).protocol) throw bad(`names ${what} with another scheme (${url.protocol}) than its own`);
  if (typeof r.hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(r.hash)) throw bad(`has no SHA-256 hash for ${what}`);
  return { version: positiveInt(r.version, `${what} version`), url: url.href, hash: r.hash.toLowerCase() };
}

/** Checks a verified UNF payload against the draft's rules and the source expected. */
export function parseNotification(payload: Buffer, source: string, unfUrl: string, now = Date.now()): UpdateNotification {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw bad('payload is not JSON');
  }
  if (!j || typeof j !== 'object') throw bad('payload is not a JSON object');
  if (j.nrtm_version !== 4) throw bad(`is not NRTM version 4 (nrtm_version ${JSON.stringify(j.nrtm_version)})`);
  if (j.type !== 'notification') throw bad(`has type ${JSON.stringify(j.type)}, not "notification"`);
  if (typeof j.source !== 'string' || j.source.toUpperCase() !== source.toUpperCase()) throw bad(`is for source ${JSON.stringify(j.source)}, not ${source}`);
  if (typeof j.session_id !== 'string' || !/^[0-9A-Za-z-]{1,64}$/.test(j.session_id)) throw bad('has no valid session_id');
  const version = positiveInt(j.version, 'version');
  const t = typeof j.timestamp === 'string' ? Date.parse(j.timestamp) : NaN;
  if (!Number.isFinite(t)) throw bad('has no valid timestamp');
  if (now - t > UNF_MAX_AGE_MS) throw bad(`is stale: its timestamp ${j.timestamp as string} is more than 24 hours old (a replayed file or a stuck server); nothing applied`);
  const snapshot = fileRef(j.snapshot, unfUrl, 'the snapshot');
  if (!Array.isArray(j.deltas)) throw bad('has no deltas list');
  const deltas = j.deltas.map((d, i) => fileRef(d, unfUrl, `delta ${i + 1}`)).sort((a, b) => a.version - b.version);
  for (let i = 1; i < deltas.length; i++) if (deltas[i]!.version !== deltas[i - 1]!.version + 1) throw bad(`lists deltas that are not contiguous (${deltas[i - 1]!.version} then ${deltas[i]!.version})`);
  const expected = Math.max(snapshot.version, deltas.at(-1)?.version ?? 0);
  if (version !== expected) throw bad(`says version ${version} but its snapshot and deltas end at ${expected}`);
  return {
    source: j.source, sessionId: j.session_id, version, timestamp: new Date(t).toISOString(), snapshot, deltas,
    ...(typeof j.next_signing_key === 'string' ? { nextSigningKey: j.next_signing_key } : {}),
  };
}

/** One record of a snapshot or delta file. */
export type Nrtm4Change = { op: 'add'; text: string } | { op: 'del'; cls: string; key: string };

/** Longest record read (one object as JSON): far above the largest real object (AS3257, 0.5 MB). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * The changes of one snapshot or delta file after checking its header. Any fault (a header
 * for another session or version, a record that is not what the draft says, a cut file) is
 * a SyncError `reload`: the file cannot be applied, and the snapshot is the way back.
 */
export async function* readNrtm4File(
  bytes: AsyncIterable<Buffer>,
  kind: 'snapshot' | 'delta',
  expect: { source: string; sessionId: string; version: number },
  maxRecord = MAX_RECORD_BYTES,
): AsyncGenerator<Nrtm4Change> {
  const what = `${kind} ${expect.version}`;
  const damaged = (why: string) => new SyncError('reload', `${what} is damaged: ${why}`);
  let header = true;
  let n = 0;
  try {
    for await (const rec of jsonSeq(bytes, maxRecord)) {
      const r = rec as Record<string, unknown>;
      if (!r || typeof r !== 'object') throw damaged('a record is not a JSON object');
      if (header) {
        header = false;
        if (r.nrtm_version !== 4 || r.type !== kind) throw damaged(`its header is not an NRTMv4 ${kind} header`);
        if (typeof r.source !== 'string' || r.source.toUpperCase() !== expect.source.toUpperCase()) throw damaged(`its header names source ${JSON.stringify(r.source)}`);
        if (r.session_id !== expect.sessionId) throw damaged(`its header names session ${JSON.stringify(r.session_id)}, the notification file ${expect.sessionId}`);
        if (r.version !== expect.version) throw damaged(`its header says version ${JSON.stringify(r.version)}`);
        continue;
      }
      n++;
      if (kind === 'snapshot' || r.action === 'add_modify') {
        if (typeof r.object !== 'string') throw damaged(`record ${n} has no object text`);
        yield { op: 'add', text: r.object };
      } else if (r.action === 'delete') {
        if (typeof r.object_class !== 'string' || typeof r.primary_key !== 'string') throw damaged(`delete record ${n} has no object_class and primary_key`);
        yield { op: 'del', cls: r.object_class.toLowerCase(), key: r.primary_key };
      } else throw damaged(`record ${n} has action ${JSON.stringify(r.action)}`);
    }
  } catch (e) {
    if (e instanceof SyncError) throw e;
    throw damaged(e instanceof JsonSeqError ? e.message : `cannot be read (${(e as Error).message})`);
  }
  if (header) throw damaged('it is empty (no header)');
  if (kind === 'delta' && n === 0) throw damaged('it holds no change');
}
