import type { Evidence, Relation } from '../infer/types.js';

/** Evidence lines shown per side of a link in text (JSON has them all). */
const EVIDENCE_PER_SIDE = 4;

const ROLE: Record<Relation, string> = { p2c: 'its customer', c2p: 'its provider', p2p: 'its peer', s2s: 'its sibling' };
const CLASS: Record<Evidence['filterClass'], string> = {
  FULL: 'the full table', DEFAULT: 'only a default route', RESTRICTED: 'specific routes only', NONE: 'nothing in this family',
};

/** What a line says, in words: `→ exports the full table: the neighbour is its customer or sibling`. */
export function gloss(e: Evidence): string {
  const verb = e.direction === 'export' ? 'announces' : e.direction === 'import' ? 'accepts' : 'sends default to';
  const roles = e.allows.map((r) => ROLE[r]).join(' or ') || 'no consistent role';
  return `→ ${verb} ${e.direction === 'default' ? 'it' : CLASS[e.filterClass]}${e.strength === 'weak' ? ' (weak evidence)' : ''}: the other AS is ${roles}`;
}

/**
 * Registry lines grouped by object: a header naming the object and where its copy came
 * from, then each line in file order with what it says in words.
 */
export function evidenceLines(ev: Evidence[], indent: string, perSide = EVIDENCE_PER_SIDE): string[] {
  const bySide = new Map<number, Evidence[]>();
  for (const e of ev) {
    const l = bySide.get(e.asn) ?? [];
    l.push(e);
    bySide.set(e.asn, l);
  }
  const out: string[] = [];
  // One header per object (its source says whether it is live, a dump or bundled), then its lines in file order.
  for (const [asn, lines] of bySide) {
    out.push(`${indent}${lines[0].object} (${lines[0].source}):`);
    for (const e of [...lines].sort((x, y) => x.line - y.line).slice(0, perSide)) {
      out.push(`${indent}  line ${e.line}  ${e.attribute}: ${e.text}`, `${indent}      ${gloss(e)}`);
    }
    if (lines.length > perSide) out.push(`${indent}  … and ${lines.length - perSide} more lines of AS${asn}`);
  }
  return out;
}

