/**
 * One side's view of a link (DESIGN.md, inference rule 3, after Nemecis — Siganos &
 * Faloutsos 2004). Relations are read from the owner's side towards the neighbour:
 *
 *   export FULL/DEFAULT to Y   → Y is a customer or sibling     {p2c, s2s}   strong
 *   export RESTRICTED to Y     → Y is a peer or provider         {p2p, c2p}   strong
 *   import RESTRICTED from Y   → Y is a customer or peer         {p2c, p2p}   strong
 *   import FULL/DEFAULT from Y → Y is a provider or sibling      {c2p, s2s}   weak (*)
 *   default: to Y              → Y is a provider                 {c2p}        strong
 *   a NONE filter (nothing in this family) says nothing about the relation.
 *
 * Rules naming Y (by ASN or through an expanded set) are strong, AS-ANY rules weak.
 * (*) Deviation from a literal reading of rule 3 ("rules naming Y are strong"): importing
 * the full table is what an unfiltered peering looks like too (rule 3 says so itself), so it
 * is a weak constraint even when it names Y. Otherwise every peer that accepts ANY — common
 * in DN42 and at IXPs — would be a conflict instead of a peer.
 * A default route counts as the full table: a network that gives Y a default is Y's transit.
 */
import type { Direction } from '../policy/types.js';
import type { Evidence, FilterClass, Relation } from './types.js';

export const ALL_RELATIONS: readonly Relation[] = ['p2c', 'c2p', 'p2p', 's2s'];

/** Constraint tiers in the order rule 4 applies them. */
export type Tier = 'strong' | 'weak-named' | 'weak-any';

/** One rule line of the owner that applies to the neighbour, already classified. */
export interface RuleLine {
  evidence: Omit<Evidence, 'strength' | 'allows'>;
  /** The rule names the neighbour (true) or is an AS-ANY rule (false). */
  named: boolean;
}

/** A candidate set from one side, read from that side (owner → neighbour). */
export interface Constraint {
  owner: number;
  tier: Tier;
  allows: Relation[];
  evidence: Evidence[];
  /** What the lines say, for messages: "AS1299 exports FULL to AS6939". */
  reason: string;
}

export function allowsFor(direction: Direction, cls: FilterClass): { allows: Relation[]; weakEvenIfNamed: boolean } | undefined {
  if (cls === 'NONE') return undefined;
  const whole = cls === 'FULL' || cls === 'DEFAULT';
  switch (direction) {
    case 'export': return { allows: whole ? ['p2c', 's2s'] : ['p2p', 'c2p'], weakEvenIfNamed: false };
    case 'import': return whole ? { allows: ['c2p', 's2s'], weakEvenIfNamed: true } : { allows: ['p2c', 'p2p'], weakEvenIfNamed: false };
    case 'default': return { allows: ['c2p'], weakEvenIfNamed: false };
  }
}

const CLASS_RANK: Record<FilterClass, number> = { NONE: 0, RESTRICTED: 1, DEFAULT: 2, FULL: 3 };
const VERB: Record<Direction, string> = { export: 'exports', import: 'imports', default: 'defaults to' };

/**
 * The owner's constraints on its link to the neighbour. Several rules in the same direction
 * and strength combine as OR (rule 2): the widest class decides.
 */
export function sideView(owner: number, neighbour: number, lines: RuleLine[]): { constraints: Constraint[]; evidence: Evidence[] } {
  const constraints: Constraint[] = [];
  const evidence: Evidence[] = [];
  for (const named of [true, false]) {
    for (const direction of ['export', 'import', 'default'] as const) {
      const group = lines.filter((l) => l.named === named && l.evidence.direction === direction);
      if (group.length === 0) continue;
      let cls: FilterClass = 'NONE';
      for (const l of group) if (CLASS_RANK[l.evidence.filterClass] > CLASS_RANK[cls]) cls = l.evidence.filterClass;
      const view = allowsFor(direction, cls);
      const tier: Tier = !named ? 'weak-any' : view?.weakEvenIfNamed ? 'weak-named' : 'strong';
      const strength = tier === 'strong' ? 'strong' : 'weak';
      // Written out field by field: this runs for every line of every link of a registry.
      const groupEvidence = group.map((l): Evidence => {
        const e = l.evidence;
        return {
          asn: e.asn, source: e.source, object: e.object, attribute: e.attribute, line: e.line, text: e.text,
          direction: e.direction, filterClass: e.filterClass, strength,
          allows: allowsFor(direction, e.filterClass)?.allows ?? [...ALL_RELATIONS],
        };
      });
      evidence.push(...groupEvidence);
      if (!view) continue;
      const target = named ? `AS${neighbour}` : 'AS-ANY';
      const what = direction === 'default' ? `defaults to ${target}` : `${VERB[direction]} ${cls} ${direction === 'export' ? 'to' : 'from'} ${target}`;
      constraints.push({ owner, tier, allows: view.allows, evidence: groupEvidence, reason: `AS${owner} ${what}` });
    }
  }
  return { constraints, evidence };
}

export function mirror(r: Relation): Relation {
  return r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r;
}
