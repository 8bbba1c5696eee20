/**
 * The link table (schema: src/store/schema.ts): every AS pair and family decided once, when the
 * claims behind it were written (src/infer/link-upkeep.ts decides; this module only keeps and
 * serves rows). Its state in the meta table says whether the rows agree with the claims.
 */
import type Database from 'better-sqlite3';

export interface LinkRow {
  family: 4 | 6;
  lo: number;
  hi: number;
  relation: number;
  candidates: number;
  kind: string;
  first: number | null;
  confidence: number | null;
  missing: number;
  evidence: number;
  sides: number;
}

/** The table agrees with the claims. Anything else (`stale:<writer>`, absent) means it does not. */
export const LINKS_FRESH = 'fresh';

const COLUMNS = 'links.family, lo, hi, relation, candidates, kind, first, confidence, missing, evidence, sides';
/** ASes per statement of `ofMany`. */
const MANY_CHUNK = 5_000;

export class LinkTable {
  private q?: ReturnType<typeof prepare>;

  constructor(private readonly db: Database.Database) {}

  /** Statements prepared on first use: a read-only store never prepares the writes. */
  private get s(): ReturnType<typeof prepare> {
    return (this.q ??= prepare(this.db));
  }

  state(): string | undefined {
    return (this.s.state.get() as { value: string } | undefined)?.value;
  }

  get fresh(): boolean {
    return this.state() === LINKS_FRESH;
  }

  setState(value: string): void {
    this.s.setState.run(value);
  }

  clear(): void {
    this.s.clear.run();
  }

  put(r: LinkRow): void {
    this.s.put.run(r.family, r.lo, r.hi, r.relation, r.candidates, r.kind, r.first, r.confidence, r.missing, r.evidence, r.sides);
  }

  remove(family: 4 | 6, lo: number, hi: number): void {
    this.s.remove.run(family, lo, hi);
  }

  /** Every row of a family, by (lo, hi): the order the whole-store group-by decides them in. */
  *all(family: 4 | 6): Generator<LinkRow> {
    for (const r of this.s.all.iterate(family) as Iterable<Tuple>) yield rowOfTuple(r);
  }

  /** The rows of one AS in a family (two indexed lookups). */
  of(asn: number, family: 4 | 6): LinkRow[] {
    return (this.s.of.all(family, asn, family, asn) as Tuple[]).map(rowOfTuple);
  }

  /**
   * The rows of many ASes in a family, in one statement (a cone's frontier): each row with the
   * AS it was asked for; a row between two asked ASes comes once for each.
   */
  ofMany(asns: readonly number[], family: 4 | 6): { asn: number; row: LinkRow }[] {
    const out: { asn: number; row: LinkRow }[] = [];
    for (let i = 0; i < asns.length; i += MANY_CHUNK) {
      const list = JSON.stringify(asns.slice(i, i + MANY_CHUNK));
      for (const t of this.s.ofMany.all(list, family, list, family) as [number, ...Tuple][]) out.push({ asn: t[0], row: rowOfTuple(t.slice(1) as Tuple) });
    }
    return out;
  }

  /** The pairs of one AS in either family. */
  pairsOf(asn: number): { family: 4 | 6; lo: number; hi: number }[] {
    return this.s.pairsOf.all(asn, asn) as { family: 4 | 6; lo: number; hi: number }[];
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }
}

type Tuple = [4 | 6, number, number, number, number, string, number | null, number | null, number, number, number];

/** Rows are read as arrays (better-sqlite3's raw mode): a third of the cost of its keyed rows. */
function rowOfTuple(t: Tuple): LinkRow {
  return { family: t[0], lo: t[1], hi: t[2], relation: t[3], candidates: t[4], kind: t[5], first: t[6], confidence: t[7], missing: t[8], evidence: t[9], sides: t[10] };
}

function prepare(db: Database.Database) {
  return {
    state: db.prepare("SELECT value FROM meta WHERE key = 'links'"),
    setState: db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('links', ?)"),
    clear: db.prepare('DELETE FROM links'),
    put: db.prepare(`INSERT OR REPLACE INTO links (${COLUMNS.replace('links.', '')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    remove: db.prepare('DELETE FROM links WHERE family = ? AND lo = ? AND hi = ?'),
    all: db.prepare(`SELECT ${COLUMNS} FROM links WHERE family = ? ORDER BY lo, hi`).raw(),
    // INDEXED BY: without table statistics SQLite prefers scanning a family's whole primary key
    // to the index when it needs more columns than the index holds (10 ms instead of 10 µs).
    of: db.prepare(`SELECT ${COLUMNS} FROM links WHERE family = ? AND lo = ? UNION ALL SELECT ${COLUMNS} FROM links INDEXED BY links_hi WHERE family = ? AND hi = ?`).raw(),
    // CROSS JOIN: the asked list outside (SQLite would otherwise scan the family for each AS of the list).
    ofMany: db.prepare(`SELECT j.value, ${COLUMNS} FROM json_each(?) j CROSS JOIN links ON links.family = ? AND links.lo = j.value
      UNION ALL SELECT j.value, ${COLUMNS} FROM json_each(?) j CROSS JOIN links INDEXED BY links_hi ON links.family = ? AND links.hi = j.value`).raw(),
    pairsOf: db.prepare('SELECT family, lo, hi FROM links WHERE family IN (4, 6) AND lo = ? UNION ALL SELECT family, lo, hi FROM links INDEXED BY links_hi WHERE family IN (4, 6) AND hi = ?'),
    count: db.prepare('SELECT count(*) AS n FROM links'),
  };
}
