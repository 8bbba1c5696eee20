/** Text and JSON renderings of inferences, shared by rel / neighbors / export. */
import { describeRelation } from '../infer/combine.js';
import { confidenceLevel, confidenceText } from '../infer/confidence.js';
import type { LinkInference } from '../infer/types.js';
import { evidenceLines } from './evidence-text.js';

/** What a relation means in words, from a's side. */
export function relationWords(l: LinkInference): string {
  switch (l.relation) {
    case 'none': return l.unknown ? `unknown in ${l.family}: a set expansion stopped at a limit first` : `no adjacency in ${l.family}`;
    case 'conflict': return 'conflict: the two sides contradict each other';
    case 'ambiguous': return `ambiguous: ${l.candidates.map((r) => describeRelation(r, l.a, l.b)).join(', or ')}`;
    default: return describeRelation(l.relation, l.a, l.b);
  }
}

/** `confidence 0.97 (high: right about 97 times in 100)`; for ambiguous links, the chance the relation is among the candidates. */
export function confidenceWords(l: Pick<LinkInference, 'relation' | 'confidence'>): string {
  if (l.relation === 'conflict') return 'confidence 0: no relation claimed';
  if (l.relation === 'ambiguous') return `confidence ${confidenceText(l.confidence)} that it is one of these`;
  return `confidence ${confidenceText(l.confidence)}`;
}

/**
 * A note split into lines: `views differ:` is followed by each side's view and the outcome
 * (indented under it), every other part is a line of its own.
 */
export function noteLines(note: string | undefined, indent: string): string[] {
  if (!note) return [];
  const out: string[] = [];
  let inViews = false;
  for (const part of note.split('; ')) {
    if (part.startsWith('views differ:')) inViews = true;
    else if (inViews && !/^(AS\d+'s lines say|taken:|neither view|the weaker lines)/.test(part)) inViews = false;
    const follows = inViews && !part.startsWith('views differ:');
    out.push(`${indent}${follows ? '      ' : 'note: '}${part}`);
  }
  return out;
}

/** The `views differ:` part of a note (both sides' views and the outcome), one line each, for path hops. */
export function viewsOf(note: string | undefined): string[] {
  const lines = noteLines(note, '');
  const start = lines.findIndex((x) => x.startsWith('note: views differ:'));
  if (start < 0) return [];
  const out = [lines[start]!.slice('note: '.length)];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('note: '); i++) out.push(lines[i]!.trim());
  return out;
}

/**
 * A single relation with confidence below one half is what the lines point to, yet links with
 * such evidence were more often wrong than right: say so, and that the lines do not tell what
 * the link is instead (the fitted table keeps how often a kind was right, not what it was then).
 */
export function lowConfidenceNote(l: Pick<LinkInference, 'relation' | 'confidence' | 'basis'>): string | undefined {
  if (l.confidence <= 0 || l.confidence >= 0.5 || l.relation === 'none' || l.relation === 'conflict' || l.relation === 'ambiguous') return undefined;
  const n = Math.round(l.confidence * 100);
  return `low confidence: ${l.relation} is what these lines point to, but links with such evidence${l.basis ? ` (${l.basis.kind})` : ''} were right only about ${n} time${n === 1 ? '' : 's'} in 100 ` +
    'on synthetic registries with defects, at this data\'s disagreement level; what such a link is instead is not known from its lines: ' +
    'take the relation as unknown (--min-confidence 0.5 sets such links aside)';
}

/** Several lines describing one inference, indented. */
export function inferenceText(l: LinkInference, indent = '  '): string[] {
  const out = [`${indent}${l.family}: ${l.relation} — ${relationWords(l)}${l.relation === 'none' ? '' : ` (${confidenceWords(l)})`}`];
  const low = lowConfidenceNote(l);
  if (low) out.push(`${indent}    note: ${low}`);
  out.push(...evidenceLines(l.evidence, `${indent}    `, 8));
  out.push(...noteLines(l.note, `${indent}    `));
  return out;
}

/** JSON of one family's inference for `rel --json` (issue 4 item 4). */
export function inferenceJson(l: LinkInference): Record<string, unknown> {
  return {
    relation: l.relation,
    ...(l.relation === 'ambiguous' ? { candidates: l.candidates } : {}),
    confidence: l.confidence,
    confidence_level: confidenceLevel(l.confidence).name,
    ...(l.basis ? { basis: l.basis.kind } : {}),
    evidence: l.evidence.map((e) => ({ ...e })),
    missing: l.missing,
    ...(l.unknown ? { unknown: true } : {}),
    ...(l.note ? { note: l.note } : {}),
  };
}

/** Distinct sources of an inference's evidence. */
export function evidenceSources(l: LinkInference): string[] {
  return [...new Set(l.evidence.map((e) => e.source))];
}
