// Inputs for the fuzz property (test/grammar/fuzz.test.ts, bounded) and its long run
// (bench/fuzz.bench.ts): whole RPSL texts built from real registry lines, mutated, and
// random token soups, so that reading, parsing and printing are all exercised.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { printPolicy } from '../../grammar/index.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';

const realData = (f: string) => readFileSync(new URL(`../../data/real/${f}`, import.meta.url), 'utf8');

/** Policy lines (`name: value`) of real objects: AS3257 (RIPE), DN42, AS3255, AS215778. */
export const REAL_LINES: string[] = (() => {
  const lines = new Set<string>();
  for (const f of ['AS3257.ripe.2023-07-21.rpsl', 'dn42-registry-2023-10-22.db', 'AS3255.ripe.irrd-sample-2018.rpsl', 'AS215778.ripe.2024-11-01.rpsl']) {
    for (const l of realData(f).split('\n')) if (/^(mp-)?(import|export|default)(-via)?:/i.test(l)) lines.add(l.trimEnd());
  }
  // Every distinct shape is kept; AS3257's thousands of near-copies are thinned.
  return [...lines].filter((_, i) => i % 7 === 0 || lines.size < 2000);
})();

export const PIECES = [
  'from', 'to', 'accept', 'announce', 'action', 'at', 'afi', 'protocol', 'into', 'networks', 'EXCEPT', 'REFINE', 'AND', 'OR', 'NOT',
  'ANY', 'AS-ANY', 'RS-ANY', 'PeerAS', 'AS1', 'AS4.603', 'AS4294967296', 'AS-FOO', 'AS1:AS-BAR', 'rs-x', 'fltr-y', 'prng-z', 'rtrs-r',
  'ipv4', 'ipv6.unicast', 'any.multicast', ',', ';', '{', '}', '(', ')', '<', '>', '^', '$', '*', '+', '?', '|', '~', '[', ']', '.',
  '10.0.0.0/8', '2001:db8::/32', '^+', '^-', '^24-32', '7.7.7.1', '::1', '3561:10', '12', 'pref', '=', '.=', '<<=', '==',
  'community', 'community.append', 'community(1:2)', 'rtr.example.net', '<^AS1 .* [AS2-AS3]+$>', '#', '"', '\\', 'é', '\u0000', '\r', '\t',
];
const soup = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(' '));

const mutatedLine = fc.tuple(fc.constantFrom(...REAL_LINES), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...PIECES, '', '\n', '\n ', '\n+', '\n\n', ' # c')).map(([line, at, len, ins]) => {
  const i = at % (line.length + 1);
  return line.slice(0, i) + ins + line.slice(Math.min(line.length, i + len));
});

const attrName = fc.constantFrom('import', 'export', 'default', 'mp-import', 'mp-export', 'mp-default', 'import-via', 'export-via', 'IMPORT', 'remarks');
const soupLine = fc.tuple(attrName, soup).map(([n, v]) => `${n}: ${v}`);
/** A value spread over continuation lines, with comments. */
const multiLine = fc.tuple(fc.constantFrom(...REAL_LINES), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(' ', '\t', '+')).map(([line, cuts, mark]) => {
  let s = line;
  for (const c of cuts.sort((a, b) => b - a)) {
    const i = c % (s.length + 1);
    s = `${s.slice(0, i)} # cut\n${mark}${s.slice(i)}`;
  }
  return s;
});

const body = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...REAL_LINES) }, { weight: 4, arbitrary: mutatedLine }, { weight: 3, arbitrary: soupLine }, { weight: 2, arbitrary: multiLine }, { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }), { minLength: 1, maxLength: 6 });

/** A whole RPSL text: one or two objects, sometimes with whois chatter. */
export const rpslText: fc.Arbitrary<string> = fc.tuple(body, fc.option(body, { nil: undefined }), fc.boolean()).map(([a, b, whois]) =>
  `${whois ? '% whois answer\n' : ''}aut-num: AS65000\n${a.join('\n')}\n${b ? `\naut-num: AS65001\n${b.join('\n')}\n` : ''}`);

export interface Counts {
  inputs: number;
  objects: number;
  policies: number;
  parsed: number;
  diagnostics: number;
}

/**
 * Reads, parses and prints `text`; throws (failing the property) when anything throws or a
 * diagnostic lacks a line or column.
 */
export function exercise(text: string, counts?: Counts): void {
  const { objects, diagnostics } = readObjects(text, 'fuzz');
  for (const d of diagnostics) if (!(Number.isInteger(d.line) && d.line >= 1)) throw new Error(`reader diagnostic without a line: ${JSON.stringify(d)}`);
  if (counts) { counts.inputs++; counts.objects += objects.length; }
  for (const o of objects) {
    for (const p of parsePolicies(o)) {
      if (counts) { counts.policies++; if (p.ast) counts.parsed++; counts.diagnostics += p.diagnostics.length; }
      for (const d of p.diagnostics) {
        if (!(Number.isInteger(d.line) && d.line >= 1 && Number.isInteger(d.column) && d.column >= 1)) throw new Error(`diagnostic without line/column: ${JSON.stringify(d)}`);
      }
      if (p.ast) {
        const printed = printPolicy(p.ast);
        if (typeof printed !== 'string' || printed === '') throw new Error('empty print');
        JSON.stringify(p.ast);
      } else if (!p.diagnostics.some((d) => d.severity === 'error')) throw new Error(`no AST and no error for ${JSON.stringify(p.text)}`);
    }
  }
}
