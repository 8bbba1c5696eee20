import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadRelationshipFile, readRelationshipFile } from '../../src/graph/relationship-file.js';

const dir = mkdtempSync(join(tmpdir(), 'asrel-relfile-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const CAIDA = 'test/fixtures/caida-20150201-excerpt.as-rel.txt';

describe('readRelationshipFile', () => {
  it('reads CAIDA serial-1 (real lines) as IPv4 unless told otherwise', async () => {
    const r = await loadRelationshipFile(CAIDA);
    expect(r.format).toBe('caida-serial-1');
    expect(r.edges).toContainEqual({ a: 1299, b: 6939, family: 'ipv4', relation: 'p2c' });
    expect(r.edges).toContainEqual({ a: 174, b: 1299, family: 'ipv4', relation: 'p2p' });
    expect(r.edges).toHaveLength(4);
    const v6 = await readRelationshipFile(CAIDA, { family: 'ipv6' });
    expect(new Set(v6.map((e) => e.family))).toEqual(new Set(['ipv6']));
  });

  it('reads CAIDA serial-2 (made-up lines), CRLF endings and gzip', async () => {
    const text = '# made-up serial-2 lines\r\n1|2|-1|bgp\r\n2|3|0|mlp\r\n';
    for (const p of [file('s2.txt', text), file('s2.txt.gz', gzipSync(text))]) {
      const r = await loadRelationshipFile(p);
      expect(r.format).toBe('caida-serial-2');
      expect(r.edges).toEqual([
        { a: 1, b: 2, family: 'ipv4', relation: 'p2c' },
        { a: 2, b: 3, family: 'ipv4', relation: 'p2p' },
      ]);
    }
  });

  it('reads asrel CSV: c2p turned around, unusable rows skipped and counted, quoted fields', async () => {
    const p = file('rel.csv', [
      '# made-up rows',
      'as1,as2,afi,relation,confidence,evidence_count,sources',
      '10,20,ipv6,c2p,0.9,2,"RADB,RIPE"',
      '10,30,ipv4,p2p,1,2,RADB',
      '10,40,ipv4,ambiguous,0.5,1,RADB',
      '10,50,ipv6,conflict,0,2,RADB',
      '10,60,ipv6,ambiguous,0.5,1,RADB',
      '11,12,ipv4,s2s,1,2,RADB',
    ].join('\n'));
    const r = await loadRelationshipFile(p);
    expect(r.format).toBe('asrel-csv');
    expect(r.edges).toEqual([
      { a: 20, b: 10, family: 'ipv6', relation: 'p2c' },
      { a: 10, b: 30, family: 'ipv4', relation: 'p2p' },
      { a: 11, b: 12, family: 'ipv4', relation: 's2s' },
    ]);
    expect(r.skipped).toEqual({ ambiguous: 2, conflict: 1 });
  });

  it('names file and line for malformed input', async () => {
    await expect(readRelationshipFile(file('bad1.txt', '1|2|-1\n3|x|0\n'))).rejects.toThrow(/bad1\.txt:2: second AS "x" is not an AS number/);
    await expect(readRelationshipFile(file('bad2.txt', '1|2|-1\n3|4|2\n'))).rejects.toThrow(/bad2\.txt:2: relationship "2"/);
    await expect(readRelationshipFile(file('bad3.txt', '1|2\n'))).rejects.toThrow(/bad3\.txt:1: malformed line/);
    await expect(readRelationshipFile(file('bad4.txt', '1|4294967296|0\n'))).rejects.toThrow(/out of range/);
    await expect(readRelationshipFile(file('bad5.csv', 'as1,as2,afi,relation,confidence,evidence_count,sources\n1,2,ipv5,p2c,1,1,X\n'))).rejects.toThrow(/bad5\.csv:2: afi "ipv5"/);
    await expect(readRelationshipFile(file('bad6.csv', 'as1,as2,afi,relation,confidence,evidence_count,sources\n1,2,ipv4,transit,1,1,X\n'))).rejects.toThrow(/bad6\.csv:2: relation "transit"/);
    await expect(readRelationshipFile(file('bad7.txt', 'hello world\n'))).rejects.toThrow(/bad7\.txt:1: not a relationship file/);
    await expect(readRelationshipFile(file('bad8.txt', '5|5|0\n'))).rejects.toThrow(/AS5 is related to itself/);
    await expect(readRelationshipFile(join(dir, 'absent.txt'))).rejects.toThrow(/absent\.txt: cannot read/);
  });

  it('reads the whole CAIDA 2015 file when present (189,837 links)', async () => {
    const p = '../shared/data/caida/20150201.as-rel.txt';
    try {
      const r = await loadRelationshipFile(p);
      expect(r.edges).toHaveLength(189_837);
      expect(r.edges.filter((e) => e.relation === 'p2c')).toHaveLength(97_864);
    } catch (e) {
      if ((e as Error).message.includes('cannot read')) return; // data folder absent on this machine
      throw e;
    }
  });
});
