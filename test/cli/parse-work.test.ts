// `asrel parse` reads attribute by attribute and parses one-line values in place
// (src/analysis/parse-work.ts). Whatever the input, that must give what reading whole objects
// and parsing their policy attributes one by one gives: the same objects, counts, ASTs and
// diagnostics (line and column included). Inputs: the fuzz texts (real lines, mutated,
// spread over continuation lines, token soups) with CRLF line ends and UTF-8 blanks mixed in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processPiece, type Mode } from '../../src/analysis/parse-work.js';
import { policyAttributeName } from '../../src/policy/attributes.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import { rpslText } from '../grammar/fuzz-inputs.js';

/** What reading whole objects, then parsing each policy attribute, says of `text`. */
function reference(text: string, perObject: boolean) {
  const { objects, diagnostics, lines } = readObjects(text, 'f', 7);
  const withPolicy = objects.filter((o) => o.attributes.some((a) => policyAttributeName(a.name)));
  const policies = withPolicy.map((o) => parsePolicies(o, { terms: perObject }));
  return { lines, objects: objects.length, objectsWithPolicy: withPolicy.length, readerDiagnostics: diagnostics, withPolicy, policies };
}

const respelled = fc.tuple(rpslText, fc.boolean(), fc.constantFrom('', '\u00a0', '\u3000', '\t'), fc.boolean()).map(([text, crlf, blank, stray]) => {
  let t = blank ? text.replace(/accept /g, `accept${blank} `) : text;
  // A stray line that would extend the filter before it, were a value read past its end.
  if (stray) t = t.replace(/(accept [^\n#]*)\n/, '$1\nAS3\n');
  return crlf ? t.replace(/\n/g, '\r\n') : t;
});

describe('asrel parse, attribute by attribute and in place, gives what whole objects give', () => {
  it('--stats: the same counts, parses and diagnostics', () => {
    const mode: Mode = { perObject: false, json: true };
    let parsed = 0;
    let diagnostics = 0;
    fc.assert(fc.property(respelled, (text) => {
      const got = processPiece({ input: 'f', text, firstLine: 7 }, mode);
      const ref = reference(text, false);
      expect([got.lines, got.objects, got.objectsWithPolicy]).toEqual([ref.lines, ref.objects, ref.objectsWithPolicy]);
      expect(got.readerDiagnostics).toStrictEqual(ref.readerDiagnostics);
      const all = ref.policies.flat();
      const total = got.results[0];
      expect(got.results).toHaveLength(all.length ? 1 : 0);
      if (all.length === 0) return;
      expect(total.parsed).toBe(all.filter((p) => p.ast).length);
      expect(total.diagnostics).toStrictEqual(all.flatMap((p) => p.diagnostics));
      const counts: Record<string, number> = {};
      for (const p of all) counts[p.attribute] = (counts[p.attribute] ?? 0) + 1;
      expect(total.counts).toEqual(counts);
      parsed += total.parsed;
      diagnostics += total.diagnostics.length;
    }), { numRuns: 1_500 });
    // The inputs carry both kinds: values that parse and values that do not.
    expect(parsed).toBeGreaterThan(1_000);
    expect(diagnostics).toBeGreaterThan(1_000);
  }, 60_000);

  it('a value read in place ends where its line does (made-up objects with stray lines)', () => {
    const mode: Mode = { perObject: true, json: true };
    for (const text of [
      'aut-num: AS1\nimport: from AS2 accept AS3\nAS4\n',
      'aut-num: AS1\nimport: from AS2 accept AS3 # c\nOR AS4',
      'aut-num: AS1\r\nexport: to AS2 announce { 10.0.0.0/8 }\r\n^+\r\n',
    ]) {
      const got = processPiece({ input: 'f', text, firstLine: 7 }, mode);
      const ref = reference(text, true);
      const doc = JSON.parse(got.results[0].out!);
      expect(doc.policies.map((p: { ast: unknown }) => p.ast)).toStrictEqual(JSON.parse(JSON.stringify(ref.policies[0].map((p) => p.ast ?? null))));
      expect(got.readerDiagnostics).toHaveLength(1);
    }
  });

  it('per object: the same objects, ASTs, families and diagnostics in the JSON report', () => {
    const mode: Mode = { perObject: true, json: true };
    fc.assert(fc.property(respelled, (text) => {
      const got = processPiece({ input: 'f', text, firstLine: 7 }, mode);
      const ref = reference(text, true);
      expect(got.results).toHaveLength(ref.withPolicy.length);
      got.results.forEach((r, i) => {
        const o = ref.withPolicy[i];
        const doc = JSON.parse(r.out!);
        expect([doc.class, doc.key, doc.input, doc.line]).toEqual([o.class, o.key, o.origin.input, o.origin.line]);
        expect(doc.policies).toEqual(JSON.parse(JSON.stringify(ref.policies[i].map((p) => ({
          attribute: p.attribute,
          line: p.line,
          text: p.text,
          ok: p.ast !== undefined,
          families: [...new Set(p.terms.map((t) => t.afi))],
          ast: p.ast ?? null,
          diagnostics: p.diagnostics,
        })))));
      });
    }), { numRuns: 800 });
  }, 60_000);
});
