/**
 * Where networks are present at Internet exchanges (IXPs), per address family, from CAIDA's
 * IXP dataset or PeeringDB. Several datasets can be loaded together: each exchange keeps the
 * dataset it came from, so an answer can say which data (and which date) names it.
 */
import type { FixIxp } from '../explain/types.js';

/** One dataset: what an answer cites ("CAIDA IXPs dataset, 2019-10"). */
export interface IxpDataset {
  /** "CAIDA IXPs dataset", "PeeringDB API pages", "PeeringDB". */
  source: string;
  /** YYYY-MM or YYYY-MM-DD: the dataset's date (CAIDA: its month; PeeringDB: when fetched or the pages' date). */
  date: string;
  /** The files or URL it was read from. */
  from: string;
}

export interface IxpExchange {
  /** Unique across the loaded datasets: `<dataset index>:<exchange id>`. */
  key: string;
  /** Index into `IxpPresence.datasets`. */
  dataset: number;
  /** The exchange's short name ("CIXP", "NaMeX"). */
  name: string;
  /** The full name when it differs from `name`. */
  fullName?: string;
  city?: string;
  country?: string;
  /** Members (distinct ASes) at the exchange: the dataset's count. */
  size: number;
}

/** One AS at one exchange: whether it has an IPv4 and an IPv6 address there. */
export interface IxpMembership {
  ipv4: boolean;
  ipv6: boolean;
}

export interface IxpPresence {
  datasets: IxpDataset[];
  exchanges: Map<string, IxpExchange>;
  /** AS → exchange key → addresses. */
  members: Map<number, Map<string, IxpMembership>>;
  /**
   * ASes the data could not answer for, with why ("no PeeringDB data cached …"): absent from
   * `members` because nothing is known, not because they are at no exchange.
   */
  unknown?: Map<number, string>;
}

/** An exchange both ASes of a fix are present at (the JSON shape of `commonIxps`). */
export type CommonIxp = FixIxp;

/** Bad input data (an unreadable file, a malformed PeeringDB answer): one line for the user. */
export class IxpError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'IxpError';
  }
}

export function emptyPresence(): IxpPresence {
  return { datasets: [], exchanges: new Map(), members: new Map() };
}

/** Records that `asn` is at exchange `key`, OR-ing the families with what is known already. */
export function addMember(p: IxpPresence, asn: number, key: string, m: IxpMembership): void {
  let at = p.members.get(asn);
  if (!at) p.members.set(asn, (at = new Map()));
  const had = at.get(key);
  at.set(key, had ? { ipv4: had.ipv4 || m.ipv4, ipv6: had.ipv6 || m.ipv6 } : { ...m });
}

/** Several presences as one (datasets renumbered). */
export function mergePresence(parts: IxpPresence[]): IxpPresence {
  if (parts.length === 1) return parts[0]!;
  const out = emptyPresence();
  for (const p of parts) {
    const base = out.datasets.length;
    out.datasets.push(...p.datasets);
    const rekey = (k: string) => {
      const i = k.indexOf(':');
      return `${base + Number(k.slice(0, i))}:${k.slice(i + 1)}`;
    };
    for (const x of p.exchanges.values()) {
      const key = rekey(x.key);
      out.exchanges.set(key, { ...x, key, dataset: x.dataset + base });
    }
    for (const [asn, at] of p.members) for (const [k, m] of at) addMember(out, asn, rekey(k), m);
  }
  // An AS is unknown only when no dataset knows it (one PeeringDB answered for, or one a file lists).
  for (const p of parts) {
    for (const [asn, why] of p.unknown ?? []) {
      if (!out.members.has(asn) && parts.every((q) => q === p || q.unknown?.has(asn))) (out.unknown ??= new Map()).set(asn, why);
    }
  }
  return out;
}

/**
 * A short display name: CAIDA names exchanges in full ("CERN Internet Exchange Point") and
 * lists the name operators use ("CIXP") among the alternate names.
 */
export function shortName(name: string, alternates: readonly string[] = []): string {
  if (name.length <= 16) return name;
  const short = alternates
    .filter((a) => a.length >= 2 && a.length <= 12 && !/\s/.test(a) && /^[A-Z0-9][A-Za-z0-9.-]*$/.test(a) && /[A-Z].*[A-Z]/.test(a))
    .sort((x, y) => x.length - y.length);
  return short[0] ?? name;
}
