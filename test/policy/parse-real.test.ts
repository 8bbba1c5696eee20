// parsePolicy/parsePolicies on real registry objects (copies in test/fixtures/policy, each
// with its provenance line): counts, zero errors where the data is clean, and every
// diagnostic where it is not, each quoted and checked to be a genuine error in the data.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePolicies, parsePolicy } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import type { ParsedPolicy } from '../../src/policy/types.js';

const fixture = (name: string) => {
  const buf = readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url));
  return (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};

function parseAll(text: string, input: string): ParsedPolicy[] {
  const { objects } = readObjects(text, input);
  return objects.flatMap((o) => parsePolicies(o));
}

function count(ps: ParsedPolicy[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const p of ps) c[p.attribute] = (c[p.attribute] ?? 0) + 1;
  return c;
}

describe('AS3257 (RIPE, 2023-07-21)', () => {
  const ps = parseAll(fixture('AS3257.ripe.2023-07-21.rpsl.gz'), 'AS3257');
  it('2,916 import, 2,916 export, 1,857 mp-import, 1,857 mp-export, all parsed, no diagnostics', () => {
    expect(count(ps)).toEqual({ import: 2916, export: 2916, 'mp-import': 1857, 'mp-export': 1857 });
    expect(ps.filter((p) => !p.ast)).toEqual([]);
    expect(ps.flatMap((p) => p.diagnostics)).toEqual([]);
  });
  it('keeps object, line and text for evidence, and resolves families', () => {
    const first = ps[0];
    expect(first).toMatchObject({ attribute: 'import', object: 'AS3257', line: 6, text: 'from AS12 accept AS12' });
    expect(first.terms.map((t) => t.afi)).toEqual(['ipv4.unicast']);
    const mp = ps.find((p) => p.attribute === 'mp-export')!;
    expect(mp.ast?.afis).toEqual([{ afi: 'ipv6', safi: 'unicast' }]);
    expect(mp.terms.map((t) => t.afi)).toEqual(['ipv6.unicast']);
  });
});

describe('AS3255 (IRRd sample of a RIPE object) and AS215778', () => {
  it('AS3255: all 747 policy attributes parse, including import-via/export-via, lower-case asN', () => {
    const ps = parseAll(fixture('AS3255.ripe.irrd-sample-2018.rpsl'), 'AS3255');
    expect(count(ps)).toEqual({ import: 355, export: 353, 'mp-import': 19, 'mp-export': 18, 'import-via': 1, 'export-via': 1 });
    expect(ps.flatMap((p) => p.diagnostics)).toEqual([]);
    expect(ps.every((p) => p.object === 'AS3255')).toBe(true);
    const via = ps.find((p) => p.attribute === 'import-via')!;
    expect(via.text).toBe('AS6777 from AS-ANY accept ANY');
  });
  it('AS215778: 5 mp-import + 5 mp-export, IPv6 only', () => {
    const ps = parseAll(fixture('AS215778.ripe.2024-11-01.rpsl'), 'AS215778');
    expect(count(ps)).toEqual({ 'mp-import': 5, 'mp-export': 5 });
    expect(ps.flatMap((p) => p.diagnostics)).toEqual([]);
    expect(new Set(ps.flatMap((p) => p.terms.map((t) => t.afi)))).toEqual(new Set(['ipv6.unicast']));
  });
});

describe('DN42 registry (37 aut-nums with policy)', () => {
  const ps = parseAll(fixture('dn42-aut-nums-with-policy.2023-10-22.rpsl'), 'dn42');
  it('183 policy attributes; 171 parse; the 12 diagnostics are genuine errors in the data', () => {
    expect(count(ps)).toEqual({ 'mp-import': 92, 'mp-export': 91 });
    expect(ps.filter((p) => p.ast).length).toBe(171);
    const got = ps.flatMap((p) => p.diagnostics.map((d) => ({ object: d.object, line: d.line, column: d.column, severity: d.severity, text: p.text, message: d.message })));
    const setName = (n: string) => `expected a peering-set name, an AS number, an as-set name, 'AS-ANY', 'PeerAS' or '(' but found '${n}' (a hierarchical set name needs a component with a set prefix: AS-, RS-, FLTR-, PRNG- or RTRS-)`;
    expect(got.map(({ line, ...rest }) => rest)).toEqual([
      // AS4242420138 names its peer groups AS4242420138:TRANSIT etc.; RFC 2622 set names need an
      // AS- component (its own as-sets are called AS4242420138:AS-PEER, AS4242420138:AS-TRANSIT).
      { object: 'AS4242420138', column: 42, severity: 'error', text: 'afi any.unicast from AS4242420138:TRANSIT accept ANY', message: setName('AS4242420138:TRANSIT') },
      { object: 'AS4242420138', column: 40, severity: 'error', text: 'afi any.unicast to AS4242420138:TRANSIT announce ANY', message: setName('AS4242420138:TRANSIT') },
      { object: 'AS4242420138', column: 42, severity: 'error', text: 'afi any.unicast from AS4242420138:PEER accept PeerAS', message: setName('AS4242420138:PEER') },
      { object: 'AS4242420138', column: 40, severity: 'error', text: 'afi any.unicast to AS4242420138:PEER announce AS4242420138', message: setName('AS4242420138:PEER') },
      { object: 'AS4242420138', column: 42, severity: 'error', text: 'afi any.unicast from AS4242420138:DOWNSTREAM accept PeerAS', message: setName('AS4242420138:DOWNSTREAM') },
      { object: 'AS4242420138', column: 40, severity: 'error', text: 'afi any.unicast to AS4242420138:DOWNSTREAM announce ANY', message: setName('AS4242420138:DOWNSTREAM') },
      { object: 'AS4242420138', column: 42, severity: 'error', text: 'afi any.unicast from AS4242420138:UPSTREAM accept ANY', message: setName('AS4242420138:UPSTREAM') },
      { object: 'AS4242420138', column: 40, severity: 'error', text: 'afi any.unicast to AS4242420138:UPSTREAM announce AS4242420138 AS4242420138:DOWNSTREAM', message: setName('AS4242420138:UPSTREAM') },
      // A peering is an AS expression: ANY is a filter keyword; AS-ANY was meant.
      { object: 'AS4242422575', column: 42, severity: 'error', text: 'afi any.unicast from ANY accept ANY', message: "expected a peering-set name, an AS number, an as-set name, 'AS-ANY', 'PeerAS' or '(' but found 'ANY' (a peering names ASes: write 'AS-ANY' for any AS)" },
      { object: 'AS4242422575', column: 40, severity: 'error', text: 'afi any.unicast to ANY announce ANY', message: "expected a peering-set name, an AS number, an as-set name, 'AS-ANY', 'PeerAS' or '(' but found 'ANY' (a peering names ASes: write 'AS-ANY' for any AS)" },
      // 4343433759 > 4294967295 (a typo for AS4242423759, which the object also names).
      { object: 'AS64712', column: 35, severity: 'error', text: 'afi ipv4 to   AS4343433759     announce { 172.22.40.0/23, 172.22.58.0/24, 172.22.119.128/26, 172.23.192.0/24 }', message: 'AS4343433759 is out of range: AS numbers are 0–4294967295' },
      // An export written with 'from'.
      { object: 'AS64712', column: 30, severity: 'error', text: 'afi ipv6 from AS76198 announce { fc00::/7^+ }', message: "mp-export: expected 'to' but found 'from'" },
    ]);
    // Lines point into the fixture: each quoted text is on its line.
    const lines = fixture('dn42-aut-nums-with-policy.2023-10-22.rpsl').split('\n');
    for (const d of got) expect(lines[d.line - 1]).toContain(d.text);
  });
});

describe('diagnostic positions', () => {
  it('columns on the first line come from attr.column', () => {
    const { objects } = readObjects('aut-num: AS1\nmp-import:   afi ipv6.unicastfrom AS39790 accept ANY\n');
    const [p] = parsePolicies(objects[0]);
    expect(p.diagnostics).toEqual([{ object: 'AS1', attribute: 'mp-import', line: 2, column: 18, severity: 'error', message: expect.stringContaining("found 'ipv6.unicastfrom'") }]);
  });

  it('continuation lines (space, tab, +) and comments: the line and column of the bad token', () => {
    // made up: a three-line import with a comment and a '+' continuation.
    const text = 'aut-num: AS1\nimport: from AS1 # first peer\n        action pref = 1;\n+       accept AS-FOO AND & AS2\n';
    const { objects } = readObjects(text);
    const [p] = parsePolicies(objects[0]);
    expect(p.text).toBe('from AS1 action pref = 1; accept AS-FOO AND & AS2');
    expect(p.diagnostics).toEqual([{ object: 'AS1', attribute: 'import', line: 4, column: 27, severity: 'error', message: "unexpected character '&'" }]);
    expect(text.split('\n')[3][26]).toBe('&');
  });

  it('other attributes are ignored; an empty or unknown one is a diagnostic, not an exception', () => {
    const { objects } = readObjects('aut-num: AS1\nremarks: from AS1 accept ANY\nexport: \nimport: from AS2 accept ANY\n');
    const ps = parsePolicies(objects[0]);
    expect(ps.map((p) => [p.attribute, !!p.ast, p.diagnostics.map((d) => d.message)])).toEqual([
      ['export', false, ['empty export: value']],
      ['import', true, []],
    ]);
    const bogus = parsePolicy({ name: 'remarks', value: 'x', raw: 'remarks: x', line: 1, column: 10 }, 'AS1');
    expect(bogus.diagnostics[0].message).toBe('remarks is not a policy attribute');
  });
});
