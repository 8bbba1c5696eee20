import { describe, expect, it } from 'vitest';
import { mkdtempSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIxp, kindByContent } from '../../src/ixp/load.js';
import { commonIxps } from '../../src/ixp/common.js';
import { readCaida } from '../../src/ixp/caida.js';
import { IxpError } from '../../src/ixp/types.js';

const CAIDA = 'test/fixtures/ixp/caida-ixp-201910';
const PDB = 'test/fixtures/ixp/peeringdb-api-sample-2026-04';
const tmp = () => mkdtempSync(join(tmpdir(), 'asrel-ixp-'));

describe('CAIDA IXP dataset (real rows, 2019-10)', () => {
  it('AS6939 and AS174 both have IPv6 addresses at NaMeX and CIXP, biggest first', async () => {
    const { presence, notes } = await loadIxp([CAIDA], { asns: [] });
    expect(notes).toEqual([]);
    expect(presence.datasets).toEqual([expect.objectContaining({ source: 'CAIDA IXPs dataset', date: '2019-10' })]);
    expect(presence.members.get(174)!.size).toBe(7);
    const v6 = commonIxps(presence, 6939, 174, 'ipv6');
    expect(v6.map((x) => [x.name, x.city, x.size, x.ipv6])).toEqual([['NaMeX', 'Rome', 96, true], ['CIXP', 'Geneva', 56, true]]);
    // In IPv4 both are at 5 exchanges (AS174 also at BNIX and SFINX, AS6939 not).
    const v4 = commonIxps(presence, 6939, 174, 'ipv4');
    expect(v4.map((x) => x.name)).toEqual(['Netnod Stockholm', 'NaMeX', 'Equinix Zurich', 'CIXP', 'DIX']);
    expect(v4.every((x) => x.ipv4)).toBe(true);
    expect(commonIxps(presence, 6939, 174)).toHaveLength(5);
  });

  it('a malformed line is counted and reported, never a crash', async () => {
    const d = tmp();
    const rows = readFileSync(`${CAIDA}/ix-asns_201910.json`, 'utf8').split('\n');
    rows.splice(3, 0, '{"asn": 6939, "ipv4": [', 'not json at all', '{"asn": "x", "ix_id": 1}');
    writeFileSync(join(d, 'ix-asns_201910.json'), rows.join('\n'));
    copyFileSync(`${CAIDA}/ixs_201910.json`, join(d, 'ixs_201910.json'));
    const r = await readCaida(join(d, 'ix-asns_201910.json'), join(d, 'ixs_201910.json'));
    expect(r.malformed).toEqual([{ file: join(d, 'ix-asns_201910.json'), count: 3, firstLine: 4 }]);
    const loaded = await loadIxp([d], { asns: [] });
    expect(loaded.notes[0]).toMatch(/ix-asns_201910\.json: 3 malformed lines skipped \(first: line 4\)$/);
    expect(commonIxps(loaded.presence, 6939, 174, 'ipv6').map((x) => x.name)).toEqual(['NaMeX', 'CIXP']);
  });

  it('files are told apart by content when their names do not say', async () => {
    const d = tmp();
    copyFileSync(`${CAIDA}/ix-asns_201910.json`, join(d, 'members.json'));
    copyFileSync(`${PDB}/netixlan-page-1.json`, join(d, 'a.json'));
    copyFileSync(`${PDB}/ix-page-1.json`, join(d, 'b.json'));
    copyFileSync(`${CAIDA}/ixs_201910.json`, join(d, 'x.json'));
    expect([kindByContent(join(d, 'members.json')), kindByContent(join(d, 'x.json')), kindByContent(join(d, 'a.json')), kindByContent(join(d, 'b.json'))])
      .toEqual(['caida-ix-asns', 'caida-ixs', 'peeringdb-netixlan', 'peeringdb-ix']);
  });

  it('no IXP data: a clear error', async () => {
    const d = tmp();
    writeFileSync(join(d, 'notes.json'), '{"hello": 1}\n');
    await expect(loadIxp([d], { asns: [] })).rejects.toThrow(IxpError);
    await expect(loadIxp(['/nonexistent-ixp'], { asns: [] })).rejects.toThrow(/no such file or folder/);
  });
});

describe('PeeringDB API pages (real rows, 2026-04)', () => {
  it('netixlan with ix: names, cities, sizes, per family', async () => {
    const { presence } = await loadIxp([PDB], { asns: [] });
    expect(presence.datasets[0]).toMatchObject({ source: 'PeeringDB API pages', date: '2026-04' });
    const v6 = commonIxps(presence, 6939, 3856, 'ipv6');
    expect(v6.length).toBeGreaterThan(2);
    expect(v6[0]).toMatchObject({ name: 'DE-CIX Frankfurt', city: 'Frankfurt', ipv6: true });
    for (let i = 1; i < v6.length; i++) expect(v6[i - 1]!.size).toBeGreaterThanOrEqual(v6[i]!.size);
  });

  it('two datasets together keep their own labels', async () => {
    const { presence } = await loadIxp([PDB, CAIDA], { asns: [] });
    expect(presence.datasets.map((d) => d.source)).toEqual(['PeeringDB API pages', 'CAIDA IXPs dataset']);
    expect(commonIxps(presence, 6939, 174, 'ipv6').map((x) => `${x.name} ${x.date}`)).toEqual(['NaMeX 2019-10', 'CIXP 2019-10']);
  });
});
