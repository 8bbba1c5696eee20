/**
 * The text `bgpdump -m` prints, one route per line, fields split by `|`:
 *   TABLE_DUMP2|1486802400|B|192.168.0.10|65000|172.17.0.0/24|4200000000 64512|IGP|…
 *   BGP4MP|1267286400|A|200.160.0.137|22548|199.60.22.0/24|22548 16735 8167|IGP|…
 *   BGP4MP|1267286400|W|200.219.130.10|19089|199.60.22.0/24
 * `_AP` variants (ADD-PATH) put the path identifier before the AS path. In the path, `{a,b}`
 * is an AS_SET, `(a b)` a confederation sequence and `[a,b]` a confederation set. Lines are
 * cut from the chunks as they come (a line longer than 64 KiB is skipped), so memory stays
 * bounded.
 */
import { SEGMENT, type AsPathSegment } from './bgp-attributes.js';
import { pathOf } from './as-path.js';
import type { ObservedRoute, ReadCounts } from './types.js';
import type { ReaderWarnings } from './warnings.js';

const MAX_LINE = 64 * 1024;
const ASN = /^\d{1,10}$/;

/** `22548 {1,2} (3 4)` → segments, or undefined when the text is not an AS path. */
export function parsePathText(s: string): AsPathSegment[] | undefined {
  const segs: AsPathSegment[] = [];
  let seq: number[] | undefined;
  let i = 0;
  const asn = (t: string): number | undefined => {
    if (!ASN.test(t)) return undefined;
    const v = Number(t);
    return v <= 0xffffffff ? v : undefined;
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === ' ') { i++; continue; }
    const close = ch === '{' ? '}' : ch === '(' ? ')' : ch === '[' ? ']' : '';
    if (close) {
      const j = s.indexOf(close, i + 1);
      if (j < 0) return undefined;
      const members = s.slice(i + 1, j).split(/[ ,]+/).filter(Boolean).map(asn);
      if (members.length === 0 || members.some((m) => m === undefined)) return undefined;
      seq = undefined;
      segs.push({ type: ch === '{' ? SEGMENT.AS_SET : ch === '(' ? SEGMENT.AS_CONFED_SEQUENCE : SEGMENT.AS_CONFED_SET, asns: members as number[] });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < s.length && s[j] !== ' ') j++;
    const v = asn(s.slice(i, j));
    if (v === undefined) return undefined;
    if (!seq) segs.push({ type: SEGMENT.AS_SEQUENCE, asns: (seq = []) });
    seq.push(v);
    i = j;
  }
  return segs;
}

function family(prefix: string): 'ipv4' | 'ipv6' | undefined {
  const slash = prefix.indexOf('/');
  if (slash < 0) return undefined;
  const bits = Number(prefix.slice(slash + 1));
  if (prefix.includes(':')) return Number.isInteger(bits) && bits >= 0 && bits <= 128 ? 'ipv6' : undefined;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(prefix.slice(0, slash)) && Number.isInteger(bits) && bits >= 0 && bits <= 32 ? 'ipv4' : undefined;
}

/** One line; returns a route, or counts what the line was and returns undefined. */
export function readTextLine(line: string, lineNo: number, counts: ReadCounts, warnings: ReaderWarnings): ObservedRoute | undefined {
  if (line === '') return undefined;
  const f = line.split('|');
  const kind = f[0]!;
  const ap = kind.endsWith('_AP');
  const base = ap ? kind.slice(0, -3) : kind;
  if (base !== 'TABLE_DUMP2' && base !== 'TABLE_DUMP' && base !== 'BGP4MP' && base !== 'BGP4MP_ET') {
    warnings.add('line not in `bgpdump -m` form skipped', `line ${lineNo}`);
    return undefined;
  }
  counts.records++;
  const what = f[2];
  if (what === 'STATE') { counts.stateChanges++; return undefined; }
  if (what === 'W') { counts.withdrawals++; return undefined; }
  if (what !== 'A' && what !== 'B') {
    warnings.add('line not in `bgpdump -m` form skipped', `line ${lineNo}`);
    return undefined;
  }
  const pathField = f[ap ? 7 : 6];
  const timestamp = Math.floor(Number(f[1]));
  const peerAs = Number(f[4]);
  const prefix = f[5] ?? '';
  const afi = family(prefix);
  const segs = pathField === undefined ? undefined : parsePathText(pathField);
  if (!afi || !segs || !Number.isFinite(timestamp) || !ASN.test(f[4] ?? '') || peerAs > 0xffffffff) {
    warnings.add('malformed `bgpdump -m` line skipped', `line ${lineNo}`);
    return undefined;
  }
  return { afi, prefix, ...pathOf(segs), peerAs, peerIp: f[3]!, timestamp, kind: what === 'B' ? 'rib' : 'update' };
}

/** Batches of routes, one batch per chunk. */
export async function* textRouteBatches(chunks: AsyncIterable<Buffer>, counts: ReadCounts, warnings: ReaderWarnings): AsyncGenerator<ObservedRoute[]> {
  let rest = '';
  let lineNo = 0;
  let dropping = false; // inside an over-long line
  for await (const chunk of chunks) {
    const text = rest + chunk.toString('latin1');
    const out: ObservedRoute[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      lineNo++;
      if (dropping) dropping = false;
      else {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const r = readTextLine(text.slice(start, end), lineNo, counts, warnings);
        if (r) out.push(r);
      }
      start = nl + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE) {
      if (!dropping) warnings.add('over-long line skipped', `line ${lineNo + 1}`);
      dropping = true;
      rest = '';
    }
    if (out.length) yield out;
  }
  if (rest && !dropping) {
    const r = readTextLine(rest, ++lineNo, counts, warnings);
    if (r) yield [r];
  }
}
