// The ASPA reader on the real validator records of test/fixtures/aspa/, on the other shapes
// built from those records (said where), on a large SYNTHETIC document streamed in chunks,
// and fuzzed: truncated, huge and wrong-typed JSON give a clear error or counted warnings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AspaInputError, readAspa } from '../../src/aspa/read.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'aspa');
const f = (name: string) => join(DIR, name);
const stream = (s: string | Buffer, cut = 4096) => {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s);
  return Readable.from(Array.from({ length: Math.ceil(b.length / cut) || 1 }, (_, i) => b.subarray(i * cut, (i + 1) * cut)));
};
const summary = (set: Awaited<ReturnType<typeof readAspa>>) => [...set.records.values()].map((r) => `${r.customer}:${r.providers.join(',')}${r.flags.length ? `:${r.flags.join('|')}` : ''}`);

describe('real validator output', () => {
  it('rpki-client JSON (console, 2026-10-06): AS174 publishes AS0', async () => {
    const s = await readAspa(f('rpki-client-json.console.2026-10-06.3records.json'));
    expect(s.format).toBe('rpki-client-json');
    expect(summary(s)).toEqual(['43:293', '80:3356,6461', '174:0']);
    expect(s.records.get(80)!.expires).toBe(1791417600);
  });
  it('rpki-client JSON Lines (RPKIviews, 2026-09-16)', async () => {
    expect(summary(await readAspa(f('rpki-client-json.rpkiviews.2026-09-16.first5.jsonl')))).toEqual(['43:293', '68:293', '79:293', '80:3356,6461', '174:0']);
  });
  it('Routinator json (RIPE archive, 2026-09-01): "ASn" strings, the trust anchor kept', async () => {
    const s = await readAspa(f('routinator-json.ripe-archive.ripencc.2026-09-01.first5.jsonl'));
    expect(s.format).toBe('routinator-json');
    expect(s.records.get(553)).toMatchObject({ providers: [559, 680, 1299, 2914, 3320], ta: 'ripencc', flags: [] });
  });
  it('flags AS0 mixed with providers (Routinator issue 1115), keeps the record', async () => {
    const s = await readAspa(f('routinator-json.issue-1115.AS59182.2026-08.json'));
    expect(summary(s)).toEqual(['59182:0,9885,55824:as0-mixed']);
  });
});

describe('the other shapes, built from the real records above (not new data)', () => {
  it('Routinator jsonext with ROAs before the ASPAs, gzip, in small chunks', async () => {
    const doc = JSON.stringify({ metadata: { generated: 1 }, roas: [{ asn: 'AS13335', prefix: '1.1.1.0/24', maxLength: 24, source: [{ type: 'roa', tal: 'apnic' }] }],
      aspas: [{ customer: 'AS553', providers: ['AS559', 'AS680'], source: [{ type: 'aspa', tal: 'ripencc' }] }] });
    const s = await readAspa(stream(gzipSync(doc), 7));
    expect(s.format).toBe('routinator-jsonext');
    expect(s.records.get(553)).toMatchObject({ providers: [559, 680], ta: 'ripencc' });
  });
  it('rpki-client 8.x provider_authorizations per family: the union, flagged per-family', async () => {
    const s = await readAspa(stream('{"aspas":[{"customer_asid":80,"expires":1,"provider_authorizations":{"ipv4":[3356,6461],"ipv6":[6461]}}]}'));
    expect(s.records.get(80)).toMatchObject({ providers: [3356, 6461], perFamily: { ipv4: [3356, 6461], ipv6: [6461] }, format: 'rpki-client-json-afi' });
  });
  it('OpenBGPD aspa-set and BIRD route aspa text', async () => {
    const bgpd = 'aspa-set {\n\tcustomer-as 43 expires 1791385200 provider-as { 293 }\n\tcustomer-as 174 expires 1791385200 provider-as { 0 }\n}\n';
    expect(summary(await readAspa(stream(bgpd)))).toEqual(['43:293', '174:0']);
    const bird = 'route aspa 80 providers 3356, 6461;\nroute aspa 174 transit;\nroute aspa x providers 1;\n';
    const s = await readAspa(stream(bird));
    expect(summary(s)).toEqual(['80:3356,6461', '174:0']);
    expect(s.warnings.summary()).toBe('1 malformed `route aspa` line');
  });
  it('merges records of one customer and flags what breaks the profile', async () => {
    const s = await readAspa(stream('{"customer_asid":80,"providers":[3356,3356]}\n{"customer_asid":80,"providers":[80,64512]}\n'));
    expect(s.records.get(80)!.providers).toEqual([80, 3356, 64512]);
    expect(s.records.get(80)!.flags.sort()).toEqual(['customer-in-set', 'duplicate-provider', 'merged', 'private-or-reserved']);
  });
});

describe('a large SYNTHETIC document, streamed', () => {
  it('400,000 ROAs then 34,000 ASPAs in 64 KiB chunks', async () => {
    const roas = Array.from({ length: 400_000 }, (_, i) => `{"asn":${i + 1},"prefix":"10.${(i >> 8) & 255}.${i & 255}.0/24","maxLength":24,"ta":"synthetic","expires":1}`).join(',');
    const aspas = Array.from({ length: 34_000 }, (_, i) => `{"customer_asid":${i + 1},"expires":1,"providers":[${i + 100_001},${i + 200_001}]}`).join(',');
    const doc = `{"metadata":{"roas":400000},"roas":[${roas}],"aspas":[${aspas}]}`;
    const s = await readAspa(stream(doc, 65536));
    expect(s.records.size).toBe(34_000);
    expect(s.records.get(34_000)!.providers).toEqual([134_000, 234_000]);
    expect(s.warnings.total).toBe(0);
  });
});

describe('fuzz: a clear error or counted warnings, 0 other exceptions', () => {
  const real = readFileSync(f('rpki-client-json.console.2026-10-06.3records.json'), 'utf8');
  const attempt = async (input: string | Buffer) => {
    try {
      return await readAspa(stream(input, 13));
    } catch (e) {
      expect(e).toBeInstanceOf(AspaInputError);
      expect((e as Error).message).not.toMatch(/\n/);
      return undefined;
    }
  };
  it('truncated anywhere', async () => {
    for (let cut = 1; cut < real.trimEnd().length; cut += 3) {
      const r = await attempt(real.slice(0, cut));
      expect(r).toBeUndefined(); // a document cut short is an error, never a partial answer
    }
  });
  it('wrong-typed values: records skipped and counted', async () => {
    const s = await readAspa(stream('{"aspas":[{"customer_asid":"x","providers":[1]},{"customer_asid":5,"providers":"AS1"},{"customer_asid":6,"providers":[{"asid":true}]},{"customer_asid":7,"providers":[8]},[1,2],5]}'));
    expect(summary(s)).toEqual(['7:8']);
    expect(s.warnings.summary()).toBe('2 not an AS number, 1 no provider list');
  });
  it('skips a record with an empty provider list (the profile requires one; AS0 means none), counted by reason', async () => {
    // CRAFTED, as in the audit: an empty list would read as "every provider missing".
    const s = await readAspa(stream('{"aspas":[{"customer_asid":6939,"providers":[]},{"customer_asid":4294967296,"providers":[1]},{"customer_asid":174,"providers":[0]},{"customer_asid":80,"provider_authorizations":{"ipv4":[],"ipv6":[]}}]}'));
    expect(summary(s)).toEqual(['174:0']);
    expect(s.warnings.summary()).toBe('2 empty provider list, 1 AS number out of range');
    // Capped: past the kinds asked for, the rest are counted as "other" (one kind left over is named).
    const many = await readAspa(stream('{"aspas":[{"customer_asid":1,"providers":[]},{"customer_asid":1,"providers":[]},{"customer_asid":-1,"providers":[1]},{"customer_asid":"x","providers":[1]},{"customer_asid":2},{"providers":[1]},{"customer_asid":3,"providers":[3]}]}'));
    expect(many.warnings.summary(2)).toBe('2 empty provider list, 1 AS number out of range, 3 other');
    expect(many.warnings.summary(4)).toBe('2 empty provider list, 1 AS number out of range, 1 not an AS number, 1 no provider list, 1 no customer AS number');
    const text = await readAspa(stream('aspa-set {\n\tcustomer-as 43 provider-as { }\n\tcustomer-as 44 provider-as { 99999999999 }\n\tcustomer-as 45 provider-as { 1 }\n}\n'));
    expect(summary(text)).toEqual(['45:1']);
    expect(text.warnings.summary()).toBe('1 empty provider list, 1 AS number out of range');
  });
  it('skips a record for customer AS0 in every format: AS0 names no network (RFC 7607)', async () => {
    // CRAFTED.
    const json = await readAspa(stream('{"aspas":[{"customer_asid":0,"providers":[174]},{"customer_asid":6939,"providers":[1299]}]}'));
    expect(summary(json)).toEqual(['6939:1299']);
    expect(json.warnings.summary()).toBe('1 customer AS0');
    const text = await readAspa(stream('aspa-set {\n\tcustomer-as 0 provider-as { 174 }\n\tcustomer-as 45 provider-as { 1 }\n}\n'));
    expect(summary(text)).toEqual(['45:1']);
    expect(text.warnings.summary()).toBe('1 customer AS0');
  });
  it('random edits and random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(real.length - 1), fc.constantFrom(...'{}[]",:0123456789 aA\\'.split(''))), { maxLength: 20 }), async (edits) => {
      const chars = real.split('');
      for (const [i, c] of edits) chars[i] = c;
      await attempt(chars.join(''));
    }), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (b) => {
      await attempt(Buffer.from(b));
    }), { numRuns: 200 });
  });
  it('a gzip document cut short is one clear error', async () => {
    const gz = gzipSync(readFileSync(f('routinator-json.ripe-archive.ripencc.2026-09-01.first5.jsonl')));
    const e = await readAspa(stream(gz.subarray(0, gz.length - 12))).catch((x: Error) => x);
    expect(e).toBeInstanceOf(AspaInputError);
  });

  it('huge: a record that never ends is refused, not buffered without limit', async () => {
    const e = await readAspa(stream(`{"aspas":[{"customer_asid":1,"providers":[${'1,'.repeat(9_000_000)}1]}]}`, 1 << 20)).catch((x: Error) => x);
    expect(e).toBeInstanceOf(AspaInputError);
    expect((e as Error).message).toMatch(/an ASPA record over \d+ characters/);
  });
});
