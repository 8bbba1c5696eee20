/**
 * Claims that name one neighbour (`rules.peer`), read in bulk: one string per owner, built by
 * SQLite's group_concat. better-sqlite3 costs about 2 µs for every row it hands to JavaScript,
 * which is most of the time of a whole-registry read (850,000 claims: 1.8 s as rows, 0.5 s as
 * 22,000 strings). The decoder walks the string once, without splitting it.
 *
 * A record: `id,peer,family,direction,class,line` US attribute US class_by US notes, records
 * separated by RS. The text fields are asrel's own (a policy attribute name and JSON, whose
 * control characters JSON.stringify escapes), so they never hold US or RS.
 */
const US = 0x1f;
const RS = 0x1e;

/** The SQL expression of one record, for `group_concat(..., char(30) ORDER BY id)`. */
export const PACKED_CLAIM_SQL = `r.id || ',' || r.peer || ',' || r.family || ',' || r.direction || ',' || r.class || ',' || r.line
  || char(31) || r.attribute || char(31) || coalesce(r.class_by, '') || char(31) || coalesce(r.notes, '')`;

/** One claim as the decoder hands it over. */
export interface PackedClaim {
  id: number;
  peer: number;
  family: 4 | 6;
  direction: 0 | 1 | 2;
  cls: 0 | 1 | 2 | 3;
  line: number;
  attribute: string;
  classBy: string | null;
  notes: string | null;
}

/** Interned attribute names: six distinct values over hundreds of thousands of claims. */
const names = new Map<string, string>();
const intern = (s: string) => {
  let t = names.get(s);
  if (t === undefined) names.set(s, (t = s));
  return t;
};

/**
 * Calls `visit` for each record of one owner's packed string, in the order SQLite wrote them.
 * The claim object is reused between calls: copy what you keep.
 */
export function decodePackedClaims(packed: string, visit: (c: PackedClaim) => void): void {
  const c: PackedClaim = { id: 0, peer: 0, family: 4, direction: 0, cls: 0, line: 0, attribute: '', classBy: null, notes: null };
  const n = packed.length;
  let i = 0;
  const int = (): number => {
    let v = 0;
    for (let ch = packed.charCodeAt(i); ch >= 48 && ch <= 57; ch = packed.charCodeAt(++i)) v = v * 10 + (ch - 48);
    i++; // the separator
    return v;
  };
  const text = (end: number): string => {
    let j = packed.indexOf(String.fromCharCode(end), i);
    if (j < 0) j = n;
    const s = packed.slice(i, j);
    i = j + 1;
    return s;
  };
  while (i < n) {
    c.id = int();
    c.peer = int();
    c.family = int() as 4 | 6;
    c.direction = int() as 0 | 1 | 2;
    c.cls = int() as 0 | 1 | 2 | 3;
    c.line = int();
    c.attribute = intern(text(US));
    const classBy = text(US);
    const notes = text(RS);
    c.classBy = classBy === '' ? null : classBy;
    c.notes = notes === '' ? null : notes;
    visit(c);
  }
}
