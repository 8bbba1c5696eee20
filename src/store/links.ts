/**
 * The link table (schema: src/store/schema.ts): every AS pair and family decided once, when the
 * claims behind it were written (src/infer/link-upkeep.ts decides; this module only keeps and
 * serves rows). Its state in the meta table says whether the rows agree with the claims.
 */
import type Database from 'better-sqlite3';
import { LINKS_INDEXES_SQL } from './schema.js';
import type { LinkSize } from '../infer/confidence.js';

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

/**
 * The table agrees with the claims, decided as this asrel decides. Anything else
 * (`stale:<writer>`, absent, or an older asrel's mark) means it does not: readers decide from
 * claims and the next writer decides every link again. `fresh` (no number) was written before
 * peerings read the other family's lines (combine's `f`).
 */
export const LINKS_FRESH = 'fresh:2';

const COLUMNS = 'links.family, lo, hi, relation, candidates, kind, first, confidence, missing, evidence, sides';
/** ASes per statement of `ofMany`. */
const MANY_CHUNK = 5_000;

export class LinkTable {
  private q?: ReturnType<typeof prepare>;
  /** The statements of `ofMany`, by rows and counts, prepared on first use. */
  private readonly many = new Map<string, Database.Statement>();

  /** `current`: the store's schema is this version's (an older one read as it is keeps rows in another form: never fresh). */
  constructor(private readonly db: Database.Database, private readonly current = true) {}

  /** Statements prepared on first use: a read-only store never prepares the writes. */
  private get s(): ReturnType<typeof prepare> {
    return (this.q ??= prepare(this.db));
  }

  state(): string | undefined {
    return (this.s.state.get() as { value: string } | undefined)?.value;
  }

  get fresh(): boolean {
    return this.current && this.state() === LINKS_FRESH;
  }

  setState(value: string): void {
    this.s.setState.run(value);
  }

  /**
   * Every row written again (`fill` puts them), in the caller's transaction: the indexes are
   * dropped first and built after, as building one by sorting costs less than inserting each
   * row into it. The counts are taken again from the rows.
   */
  rewrite(fill: () => void): void {
    this.db.exec('DROP INDEX IF EXISTS links_hi; DROP INDEX IF EXISTS links_lo');
    this.s.clear.run();
    this.s.clearCounts.run();
    fill();
    this.db.exec(LINKS_INDEXES_SQL);
    this.recountAll();
  }

  put(r: LinkRow): void {
    this.s.put.run(r.family, r.lo, r.hi, r.relation, r.candidates, r.kind, r.first, r.confidence, r.missing, r.evidence, r.sides);
  }

  /** A pair's row (undefined: no row). */
  get(family: 4 | 6, lo: number, hi: number): LinkRow | undefined {
    const t = this.s.get.get(family, lo, hi) as Tuple | undefined;
    return t && rowOfTuple(t);
  }

  /** The relation code of a pair's row (undefined: no row). */
  relationOf(family: 4 | 6, lo: number, hi: number): number | undefined {
    return (this.s.relationOf.get(family, lo, hi) as [number] | undefined)?.[0];
  }

  remove(family: 4 | 6, lo: number, hi: number): void {
    this.s.remove.run(family, lo, hi);
  }

  /** Every row of a family, by (lo, hi): the order the whole-store group-by decides them in. */
  *all(family: 4 | 6): Generator<LinkRow> {
    for (const r of this.s.all.iterate(family) as Iterable<Tuple>) yield rowOfTuple(r);
  }

  /**
   * The rows of many ASes in a family, in one statement (a cone's frontier): each row with the
   * AS it was asked for, and both ASes' numbers of links (lo's, hi's); a row between two asked
   * ASes comes once for each. `notDown`: only rows where the asked AS is not the provider (a
   * question's cones never go down); `up`: only rows to its providers, siblings, or ambiguous;
   * `among`: only rows whose other AS is in the list too and that go up from neither (peers,
   * ambiguous, conflicts, sets' views); `level`: only peerings and conflicts; `views`: only
   * sets' views. `counts` false: the counts read as 0.
   */
  ofMany(asns: readonly number[], family: 4 | 6, rows: ManyRows = 'all', counts = true): { asn: number; row: LinkRow; counts: [LinkSize, LinkSize] }[] {
    const out: { asn: number; row: LinkRow; counts: [LinkSize, LinkSize] }[] = [];
    // Without counts (data too small for sizes), no join: a sibling group's thousands of rows read plain.
    const key = `${rows}${counts ? '+' : ''}`;
    let q = this.many.get(key);
    if (!q) this.many.set(key, (q = this.db.prepare(manySql(rows, counts)).raw()));
    // `among`: the rows whose two ASes are both in the list (read once, from lo), whatever their relation.
    // One statement for the whole list: SQLite builds the IN list's index at each run (a
    // million-member sibling set's, 200 times over in chunks), and the rows are few.
    const all = rows === 'among' ? JSON.stringify(asns) : undefined;
    const chunk = all ? Math.max(asns.length, 1) : MANY_CHUNK;
    for (let i = 0; i < asns.length; i += chunk) {
      const list = all ?? JSON.stringify(asns.slice(i, i + chunk));
      const params = all ? [list, family, all] : [list, family, list, family];
      for (const t of q.all(...params) as [number, ...Tuple, number, number, number, number, number, number][]) {
        out.push({ asn: t[0], row: rowOfTuple(t.slice(1, 12) as Tuple), counts: [{ links: t[12], providers: t[14], customers: t[16] }, { links: t[13], providers: t[15], customers: t[17] }] });
      }
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

  /**
   * How many links, providers and customers an AS has in a family (by the rows' relations; see
   * transitOfMany), kept beside the rows: confidence compares the two ASes of a link
   * (src/infer/confidence.ts, sizeMark), and a cone's reader needs the counts of tens of
   * thousands of neighbours in one statement.
   */
  countOf(asn: number, family: 4 | 6): LinkSize {
    const r = this.s.countOf.get(family, asn) as [number, number, number] | undefined;
    return { links: r?.[0] ?? 0, providers: r?.[1] ?? 0, customers: r?.[2] ?? 0 };
  }

  /**
   * `countOf` for many ASes in one statement, and their rows whose relation is settled when
   * read (code 7, a set's view: stored as the lines' peering, taken as transit when the set's
   * view was real more often), which the counts leave as peers (absent: no link).
   */
  transitOfMany(asns: readonly number[], family: 4 | 6): { counts: Map<number, LinkSize>; views: { asn: number; row: LinkRow }[] } {
    const counts = new Map<number, LinkSize>();
    for (let i = 0; i < asns.length; i += MANY_CHUNK) {
      const list = JSON.stringify(asns.slice(i, i + MANY_CHUNK));
      for (const [asn, n, providers, customers] of this.s.transitOfMany.all(list, family) as [number, number, number, number][]) counts.set(asn, { links: n, providers, customers });
    }
    const views = this.ofMany(asns, family, 'views', false).map(({ asn, row }) => ({ asn, row }));
    return { counts, views };
  }

  /** How many rows of each kind the table holds (both families): the disagreement level counts them. */
  kindCounts(): [string, number][] {
    return this.s.kindCounts.all() as [string, number][];
  }

  /** Every AS's count in a family. */
  allCounts(family: 4 | 6): Map<number, LinkSize> {
    return new Map((this.s.allCounts.all(family) as [number, number, number, number][]).map(([asn, links, providers, customers]) => [asn, { links, providers, customers }]));
  }

  /** The counts of some ASes taken again from their rows (after some pairs were decided again). */
  recount(asns: Iterable<number>): void {
    for (const asn of asns) {
      for (const family of [4, 6] as const) {
        const [n, providers, customers] = this.s.rowsOf.get(family, asn, family, asn) as [number, number, number];
        if (n > 0) this.s.putCount.run(family, asn, n, providers, customers);
        else this.s.removeCount.run(family, asn);
      }
    }
  }

  /** Every count taken again from the rows (after every link was decided). */
  recountAll(): void {
    this.s.clearCounts.run();
    this.s.rebuildCounts.run();
  }
}

type Tuple = [4 | 6, number, number, number, number, string, number | null, number | null, number, number, number];

export type ManyRows = 'all' | 'notDown' | 'up' | 'among' | 'level' | 'views';

/**
 * Rows of a list of ASes (json_each), by lo then by hi, with both ASes' counts (0 when absent or
 * not asked). CROSS JOIN: the asked list outside (SQLite would otherwise scan the family for each
 * AS of the list). Relation 1: lo is hi's provider; 2: lo is hi's customer (src/store/schema.ts);
 * IN: one index seek per relation, so a tier-1's customers are never scanned. INDEXED BY: without
 * table statistics SQLite prefers scanning a family's whole primary key to an index when it needs
 * more columns than the index holds (10 ms instead of 10 µs for one AS).
 */
function manySql(rows: ManyRows, withCounts: boolean): string {
  const counts = withCounts ? 'coalesce(cl.n, 0), coalesce(ch.n, 0), coalesce(cl.providers, 0), coalesce(ch.providers, 0), coalesce(cl.customers, 0), coalesce(ch.customers, 0)' : '0, 0, 0, 0, 0, 0';
  const join = withCounts ? 'LEFT JOIN link_counts cl ON cl.family = links.family AND cl.asn = links.lo LEFT JOIN link_counts ch ON ch.family = links.family AND ch.asn = links.hi' : '';
  const side = (index: string, end: 'lo' | 'hi', where: string) =>
    `SELECT j.value, ${COLUMNS}, ${counts} FROM json_each(?) j CROSS JOIN links ${index} ON links.family = ? AND links.${end} = j.value ${where} ${join}`;
  // The rows whose relation, read from the asked AS's side, is one of `codes` (as lo's side; from hi, 1 and 2 swap).
  const fromEither = (codes: number[]) =>
    `${side('INDEXED BY links_lo', 'lo', `AND links.relation IN (${codes.join(', ')})`)} UNION ALL ${side('INDEXED BY links_hi', 'hi', `AND links.relation IN (${codes.map((c) => (c === 1 ? 2 : c === 2 ? 1 : c)).join(', ')})`)}`;
  switch (rows) {
    case 'all': return `${side('', 'lo', '')} UNION ALL ${side('INDEXED BY links_hi', 'hi', '')}`;
    case 'notDown': return fromEither([2, 3, 4, 5, 6, 7]);
    // 7: a set's view, kept as the lines' peering, may settle as transit: read too.
    case 'up': return fromEither([2, 4, 5, 7]);
    // Both ASes in the list, read once from lo; the relations that go up from neither (the up ones were read climbing).
    case 'among': return side('INDEXED BY links_lo', 'lo', 'AND links.relation IN (3, 5, 6, 7) AND links.hi IN (SELECT value FROM json_each(?))');
    // Peerings and conflicts: with `up`, every row but those down to customers (`notDown`), in two reads.
    case 'level': return fromEither([3, 6]);
    // Sets' views, settled when read (transitOfMany).
    case 'views': return fromEither([7]);
  }
}

/** Every AS's number of rows per family, from the rows (also the upgrade of a version 4 store). */
export const REBUILD_COUNTS = `INSERT INTO link_counts (family, asn, n, providers, customers)
  SELECT family, asn, count(*), sum(up), sum(down) FROM (
    SELECT family, lo AS asn, relation = 2 AS up, relation = 1 AS down FROM links
    UNION ALL SELECT family, hi, relation = 1, relation = 2 FROM links) GROUP BY family, asn`;

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
    relationOf: db.prepare('SELECT relation FROM links WHERE family = ? AND lo = ? AND hi = ?').raw(),
    get: db.prepare(`SELECT ${COLUMNS} FROM links WHERE family = ? AND lo = ? AND hi = ?`).raw(),
    all: db.prepare(`SELECT ${COLUMNS} FROM links WHERE family = ? ORDER BY lo, hi`).raw(),
    pairsOf: db.prepare('SELECT family, lo, hi FROM links WHERE family IN (4, 6) AND lo = ? UNION ALL SELECT family, lo, hi FROM links INDEXED BY links_hi WHERE family IN (4, 6) AND hi = ?'),
    count: db.prepare('SELECT count(*) AS n FROM links'),
    clearCounts: db.prepare('DELETE FROM link_counts'),
    rebuildCounts: db.prepare(REBUILD_COUNTS),
    kindCounts: db.prepare('SELECT kind, count(*) FROM links GROUP BY kind').raw(),
    allCounts: db.prepare('SELECT asn, n, providers, customers FROM link_counts WHERE family = ?').raw(),
    rowsOf: db.prepare(`SELECT count(*), coalesce(sum(up), 0), coalesce(sum(down), 0) FROM (
      SELECT relation = 2 AS up, relation = 1 AS down FROM links WHERE family = ? AND lo = ?
      UNION ALL SELECT relation = 1, relation = 2 FROM links INDEXED BY links_hi WHERE family = ? AND hi = ?)`).raw(),
    putCount: db.prepare('INSERT OR REPLACE INTO link_counts (family, asn, n, providers, customers) VALUES (?, ?, ?, ?, ?)'),
    transitOfMany: db.prepare('SELECT c.asn, c.n, c.providers, c.customers FROM json_each(?) j CROSS JOIN link_counts c ON c.family = ? AND c.asn = j.value').raw(),
    countOf: db.prepare('SELECT n, providers, customers FROM link_counts WHERE family = ? AND asn = ?').raw(),
    removeCount: db.prepare('DELETE FROM link_counts WHERE family = ? AND asn = ?'),
  };
}
