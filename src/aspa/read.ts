/**
 * Reads validated ASPA sets in the forms validators print them, recognised by content:
 *   rpki-client JSON   {"aspas":[{"customer_asid":43,"expires":…,"providers":[293]}]}
 *                      (2022–23: "provider_authorizations":{"ipv4":[…],"ipv6":[…]})
 *   Routinator json    {"aspas":[{"customer":"AS553","providers":["AS559",…],"ta":"ripencc"}]}
 *   Routinator jsonext the same with "source":[…] instead of "ta"; Cloudflare's rpki.json is
 *                      the rpki-client shape; JSON Lines of records are read too
 *   OpenBGPD           aspa-set { customer-as 43 expires 1791385200 provider-as { 293 } … }
 *   BIRD               route aspa 43 providers 293, 8283;
 * from a file, URL or stdin, plain, gzip, bzip2 or xz; the JSON streamed (json-records.ts).
 * Records of one customer are merged (the profile says so); records that break the profile
 * are kept and flagged; a record that is not one (wrong types, an AS number out of range, an empty
 * provider list) is skipped and counted by reason.
 */
import { DamagedInputError, InputOpenError, openBytes } from '../bgp/open-bytes.js';
import { ReaderWarnings } from '../bgp/warnings.js';
import { jsonRecordTexts, JsonShapeError } from './json-records.js';
import { isPrivateOrReserved, type AspaFormat, type AspaRecord, type ProfileFlag } from './types.js';

export { JsonShapeError };
export class AspaInputError extends Error {}

export interface AspaSet {
  name: string;
  format: AspaFormat | undefined;
  /** By customer, merged. */
  records: Map<number, AspaRecord>;
  warnings: ReaderWarnings;
  /** When the validator made the output, from its `metadata` object (the key it came from). */
  generated?: { date: string; key: string };
}

/**
 * The validator's time in a `metadata` object: rpki-client `buildtime` ("2026-10-06T07:12:00Z"),
 * Routinator `generatedTime` (the same form) or `generated` (Unix seconds; Cloudflare too).
 */
export function metadataTime(text: string): AspaSet['generated'] {
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  for (const key of ['buildtime', 'generatedTime', 'generated']) {
    const v = m?.[key];
    const t = typeof v === 'number' && Number.isFinite(v) ? v * 1000 : typeof v === 'string' ? Date.parse(v) : NaN;
    // Before 2010 or far ahead is not a validator's clock: not used.
    if (Number.isFinite(t) && t > Date.UTC(2010, 0, 1) && t < Date.now() + 366 * 86400_000) return { date: new Date(t).toISOString().replace('.000Z', 'Z'), key };
  }
  return undefined;
}

/** `43`, `"43"`, `"AS43"` → 43; anything else undefined. */
export function asnOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = /^(?:AS)?(\d{1,10})$/i.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n <= 0xffffffff ? n : undefined;
}

/**
 * Why a skipped record is not one, as counted in the reader's note (`2 skipped: 1 empty
 * provider list, 1 AS number out of range`): a few fixed words, so the note stays short.
 */
export type SkipReason = 'not JSON' | 'not a record object' | 'no customer AS number' | 'customer AS0' | 'AS number out of range' | 'not an AS number'
  | 'no provider list' | 'empty provider list' | 'malformed aspa-set entry' | 'malformed `route aspa` line';

/** Why `v` is no AS number (asnOf gave undefined): digits beyond 32 bits or below 0, or not a number at all. */
export function asnProblem(v: unknown): SkipReason {
  if (typeof v === 'number' ? Number.isInteger(v) : typeof v === 'string' && /^(?:AS)?-?\d+$/i.test(v.trim())) return 'AS number out of range';
  return 'not an AS number';
}

interface Skip { error: SkipReason; detail: string }
const shown = (v: unknown) => (JSON.stringify(v) ?? String(v)).slice(0, 40);

function providerList(v: unknown, field: string): number[] | Skip {
  if (!Array.isArray(v)) return { error: 'no provider list', detail: `${field}: ${shown(v)}` };
  const out: number[] = [];
  for (const p of v) {
    // rpki-client 8.x also wrote {"asid": N, "afi_limit": "ipv4"}.
    const raw = typeof p === 'object' && p !== null ? (p as { asid?: unknown }).asid : p;
    const a = asnOf(raw);
    if (a === undefined) return { error: asnProblem(raw), detail: `${field}: ${shown(raw)}` };
    out.push(a);
  }
  return out;
}

/** One JSON record object → a record, or the reason it is not one. */
export function recordFromJson(o: unknown): { record: AspaRecord } | Skip {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { error: 'not a record object', detail: shown(o) };
  const r = o as Record<string, unknown>;
  const rawCustomer = r.customer_asid ?? r.customer;
  if (rawCustomer === undefined || rawCustomer === null) return { error: 'no customer AS number', detail: 'no customer_asid or customer' };
  const customer = asnOf(rawCustomer);
  if (customer === undefined) return { error: asnProblem(rawCustomer), detail: `customer: ${shown(rawCustomer)}` };
  let format: AspaFormat = 'customer_asid' in r ? 'rpki-client-json' : 'source' in r ? 'routinator-jsonext' : 'routinator-json';
  let providers: number[];
  let perFamily: AspaRecord['perFamily'];
  if (r.provider_authorizations !== undefined) {
    const pa = r.provider_authorizations;
    if (typeof pa !== 'object' || pa === null || Array.isArray(pa)) return { error: 'no provider list', detail: `provider_authorizations: ${shown(pa)}` };
    const v4 = providerList((pa as Record<string, unknown>).ipv4 ?? [], 'ipv4');
    if (!Array.isArray(v4)) return v4;
    const v6 = providerList((pa as Record<string, unknown>).ipv6 ?? [], 'ipv6');
    if (!Array.isArray(v6)) return v6;
    perFamily = { ipv4: sortUnique(v4), ipv6: sortUnique(v6) };
    providers = [...v4, ...v6];
    format = 'rpki-client-json-afi';
  } else {
    const list = providerList(r.providers, 'providers');
    if (!Array.isArray(list)) return list;
    providers = list;
  }
  const expires = typeof r.expires === 'number' ? r.expires : undefined;
  const ta = typeof r.ta === 'string' ? r.ta : Array.isArray(r.source) ? r.source.map((s) => (s as { tal?: string })?.tal).filter(Boolean).join(',') || undefined : undefined;
  return { record: finish(customer, providers, format, { ...(expires !== undefined ? { expires } : {}), ...(ta ? { ta } : {}), ...(perFamily ? { perFamily } : {}) }) };
}

function sortUnique(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** Providers sorted and de-duplicated, with the profile checks as flags. */
export function finish(customer: number, raw: number[], format: AspaFormat, extra: Partial<AspaRecord> = {}): AspaRecord {
  const flags: ProfileFlag[] = [];
  const providers = sortUnique(raw);
  if (providers.length !== raw.length) flags.push('duplicate-provider');
  if (providers.includes(0) && providers.length > 1) flags.push('as0-mixed');
  if (providers.includes(customer)) flags.push('customer-in-set');
  if (providers.some((p) => p !== 0 && isPrivateOrReserved(p)) || isPrivateOrReserved(customer)) flags.push('private-or-reserved');
  if (extra.perFamily) flags.push('per-family');
  return { customer, providers, ...extra, flags, format };
}

/** Two records of one customer → one (the union of providers; the profile merges them). */
function merge(a: AspaRecord, b: AspaRecord): AspaRecord {
  const m = finish(a.customer, [...a.providers, ...b.providers], a.format, {
    ...(a.expires !== undefined || b.expires !== undefined ? { expires: Math.min(a.expires ?? Infinity, b.expires ?? Infinity) } : {}),
    ...(a.ta || b.ta ? { ta: [...new Set([a.ta, b.ta].filter(Boolean))].join(',') } : {}),
  });
  m.flags = [...new Set([...m.flags.filter((f) => f !== 'duplicate-provider'), ...a.flags, ...b.flags, 'merged' as const])];
  return m;
}

function add(set: AspaSet, r: AspaRecord): void {
  // The profile requires at least one provider (AS0 says "none"): an empty set is no ASPA, and
  // kept it would read as "every provider missing".
  if (r.providers.length === 0) { set.warnings.add('empty provider list', `AS${r.customer}`); return; }
  // AS0 names no network (RFC 7607): no one publishes an ASPA for it, in any format.
  if (r.customer === 0) { set.warnings.add('customer AS0', 'AS0'); return; }
  const prev = set.records.get(r.customer);
  set.records.set(r.customer, prev ? merge(prev, r) : r);
  set.format ??= r.format;
}

const OPENBGPD_ENTRY = /customer-as\s+(\d+)(?:\s+expires\s+(\d+))?\s+provider-as\s*\{([^}]*)\}/g;

/** OpenBGPD `aspa-set { … }` text, whole (text output is small: one line per customer). */
function readOpenbgpd(text: string, set: AspaSet): void {
  for (const m of text.matchAll(OPENBGPD_ENTRY)) {
    const providers: number[] = [];
    let bad: string | undefined;
    // Older OpenBGPD wrote `2914 allow inet`: the family limit is dropped (one set for both since profile -15).
    for (const tok of m[3]!.split(/[\s,]+/).filter(Boolean)) {
      if (tok === 'allow' || tok === 'inet' || tok === 'inet6') continue;
      const a = asnOf(tok);
      if (a === undefined) { bad = tok; break; }
      providers.push(a);
    }
    const customer = asnOf(m[1]);
    if (customer === undefined) bad = m[1];
    if (bad !== undefined || customer === undefined) { set.warnings.add(/^\d+$/.test(bad ?? '') ? 'AS number out of range' : 'malformed aspa-set entry', m[0].slice(0, 80)); continue; }
    add(set, finish(customer, providers, 'openbgpd', m[2] ? { expires: Number(m[2]) } : {}));
  }
}

/** BIRD `route aspa C providers P1, P2;` (or `transit;` for no providers) lines. */
function readBird(text: string, set: AspaSet): void {
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    const m = /^\s*route\s+aspa\s+(\d+)\s+(?:providers\s+([\d,\s]+)|(transit))\s*;/.exec(line);
    if (!m) {
      if (/route\s+aspa/.test(line)) set.warnings.add('malformed `route aspa` line', `line ${n}`);
      continue;
    }
    const customer = asnOf(m[1]);
    const providers = m[3] ? [0] : m[2]!.split(/[\s,]+/).filter(Boolean).map(asnOf);
    // The pattern admits digits only: an AS number that is not one is out of range.
    if (customer === undefined || providers.some((p) => p === undefined)) { set.warnings.add('AS number out of range', `line ${n}`); continue; }
    add(set, finish(customer, providers as number[], 'bird'));
  }
}

/** Reads one input (file, URL or `-`). Throws AspaInputError with one line for what is not ASPA data. */
export async function readAspa(input: string | AsyncIterable<Buffer>): Promise<AspaSet> {
  const { chunks, name } = await openBytes(input);
  const set: AspaSet = { name, format: undefined, records: new Map(), warnings: new ReaderWarnings() };
  const it = chunks[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await it.next();
  } catch (e) {
    if (e instanceof InputOpenError) throw e;
    throw new AspaInputError(`${name}: ${(e as Error).message}`);
  }
  if (first.done) throw new AspaInputError(`${name}: empty input`);
  const head = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const start = head.toString('utf8', 0, Math.min(head.length, 4096)).trimStart();
  try {
    if (start.startsWith('{') || start.startsWith('[')) {
      for await (const texts of jsonRecordTexts(all(), (t) => { set.generated ??= metadataTime(t); })) {
        for (const t of texts) {
          let o: unknown;
          try {
            o = JSON.parse(t);
          } catch {
            set.warnings.add('not JSON', t.slice(0, 40));
            continue;
          }
          const r = recordFromJson(o);
          if ('error' in r) {
            // A top-level container without aspas (e.g. only metadata) is not a record.
            if (!/^\s*\{\s*"(metadata|roas)"/.test(t)) set.warnings.add(r.error, r.detail);
            continue;
          }
          add(set, r.record);
        }
      }
    } else {
      // The text forms are one short line per customer: read whole, bounded by a cap.
      const parts: Buffer[] = [];
      let size = 0;
      for await (const c of all()) {
        size += c.length;
        if (size > 256 << 20) throw new AspaInputError(`${name}: over 256 MiB of text: not an ASPA set`);
        parts.push(c);
      }
      const text = Buffer.concat(parts).toString('utf8');
      if (/aspa-set\s*\{/.test(text)) readOpenbgpd(text, set);
      else if (/route\s+aspa/.test(text)) readBird(text, set);
      else throw new AspaInputError(`${name}: not ASPA data (neither validator JSON, an OpenBGPD aspa-set nor BIRD route aspa lines)`);
    }
  } catch (e) {
    if (e instanceof JsonShapeError || e instanceof DamagedInputError) throw new AspaInputError(`${name}: ${e.message}`);
    throw e;
  }
  if (set.records.size === 0 && set.warnings.total === 0 && set.format === undefined) {
    throw new AspaInputError(`${name}: no ASPA record in the input`);
  }
  return set;
}
