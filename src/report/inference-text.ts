/** Text and JSON renderings of inferences, shared by rel / neighbors / export. */
import { describeRelation } from '../infer/combine.js';
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

/** Several lines describing one inference, indented. */
export function inferenceText(l: LinkInference, indent = '  '): string[] {
  const out = [`${indent}${l.family}: ${l.relation} — ${relationWords(l)}${l.relation === 'none' ? '' : ` (confidence ${l.confidence})`}`];
  out.push(...evidenceLines(l.evidence, `${indent}    `, 8));
  if (l.note) for (const n of l.note.split('; ')) out.push(`${indent}    note: ${n}`);
  return out;
}

/** JSON of one family's inference for `rel --json` (issue 4 item 4). */
export function inferenceJson(l: LinkInference): Record<string, unknown> {
  return {
    relation: l.relation,
    ...(l.relation === 'ambiguous' ? { candidates: l.candidates } : {}),
    confidence: l.confidence,
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
