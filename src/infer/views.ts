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
import type { Evidence, FilterClass, InferredRelation, Relation } from './types.js';

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
  neighbour: number;
  tier: Tier;
  allows: readonly Relation[];
  evidence: Evidence[];
  /** What the lines say (for `constraintReason`): named or AS-ANY, direction, the widest class. */
  named: boolean;
  direction: Direction;
  cls: FilterClass;
}

const VERB: Record<Direction, string> = { export: 'exports', import: 'imports', default: 'defaults to' };

/** What a constraint's lines say, for messages: "AS1299 exports FULL to AS6939". Built only when a message needs it. */
export function constraintReason(c: Constraint): string {
  const target = c.named ? `AS${c.neighbour}` : 'AS-ANY';
  const what = c.direction === 'default' ? `defaults to ${target}` : `${VERB[c.direction]} ${c.cls} ${c.direction === 'export' ? 'to' : 'from'} ${target}`;
  return `AS${c.owner} ${what}`;
}

interface View {
  /** Shared between calls: never modify. */
  allows: readonly Relation[];
  weakEvenIfNamed: boolean;
}
const VIEW = {
  exportWhole: { allows: ['p2c', 's2s'], weakEvenIfNamed: false },
  exportPart: { allows: ['p2p', 'c2p'], weakEvenIfNamed: false },
  importWhole: { allows: ['c2p', 's2s'], weakEvenIfNamed: true },
  importPart: { allows: ['p2c', 'p2p'], weakEvenIfNamed: false },
  default: { allows: ['c2p'], weakEvenIfNamed: false },
} as const satisfies Record<string, View>;

export function allowsFor(direction: Direction, cls: FilterClass): View | undefined {
  if (cls === 'NONE') return undefined;
  const whole = cls === 'FULL' || cls === 'DEFAULT';
  switch (direction) {
    case 'export': return whole ? VIEW.exportWhole : VIEW.exportPart;
    case 'import': return whole ? VIEW.importWhole : VIEW.importPart;
    case 'default': return VIEW.default;
  }
}

const CLASS_RANK: Record<FilterClass, number> = { NONE: 0, RESTRICTED: 1, DEFAULT: 2, FULL: 3 };
const DIRECTIONS = ['export', 'import', 'default'] as const;
const DIRECTION_SLOT: Record<Direction, number> = { export: 0, import: 1, default: 2 };

/**
 * The owner's constraints on its link to the neighbour. Several rules in the same direction
 * and strength combine as OR (rule 2): the widest class decides. Constraints come named
 * first, then AS-ANY; within each, export, import, default.
 */
export function sideView(owner: number, neighbour: number, lines: RuleLine[], withEvidence = true): { constraints: Constraint[]; evidence: Evidence[] } {
  const constraints: Constraint[] = [];
  const evidence: Evidence[] = [];
  // One pass into the six (named, direction) groups: this runs for every link of a registry.
  const groups: (RuleLine[] | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  for (const l of lines) {
    const g = (l.named ? 0 : 3) + DIRECTION_SLOT[l.evidence.direction];
    (groups[g] ??= []).push(l);
  }
  for (let g = 0; g < 6; g++) {
    const group = groups[g];
    if (!group) continue;
    const named = g < 3;
    const direction = DIRECTIONS[g % 3]!;
    let cls: FilterClass = 'NONE';
    for (const l of group) if (CLASS_RANK[l.evidence.filterClass] > CLASS_RANK[cls]) cls = l.evidence.filterClass;
    const view = allowsFor(direction, cls);
    const tier: Tier = !named ? 'weak-any' : view?.weakEvenIfNamed ? 'weak-named' : 'strong';
    const strength = tier === 'strong' ? 'strong' : 'weak';
    // Written out field by field, for the same reason.
    const groupEvidence = !withEvidence ? [] : group.map((l): Evidence => {
      const e = l.evidence;
      return {
        asn: e.asn, source: e.source, object: e.object, attribute: e.attribute, line: e.line, text: e.text,
        direction: e.direction, filterClass: e.filterClass, strength,
        allows: allowsFor(direction, e.filterClass)?.allows ?? ALL_RELATIONS,
      };
    });
    for (const e of groupEvidence) evidence.push(e);
    if (!view) continue;
    constraints.push({ owner, neighbour, tier, allows: view.allows, evidence: groupEvidence, named, direction, cls });
  }
  return { constraints, evidence };
}

/** A relation read from the other side: p2c and c2p trade places, the rest stay. */
export function mirror(r: Relation): Relation;
export function mirror(r: InferredRelation): InferredRelation;
export function mirror(r: InferredRelation): InferredRelation {
  return r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r;
}
