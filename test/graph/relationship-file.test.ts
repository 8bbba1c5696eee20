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

  it('names file and line when no line of the file is good', async () => {
    await expect(readRelationshipFile(file('bad1.txt', '3|x|0\n'))).rejects.toThrow(/bad1\.txt:1: second AS "x" is not an AS number/);
    await expect(readRelationshipFile(file('bad2.txt', '3|4|2\n'))).rejects.toThrow(/bad2\.txt:1: relationship "2"/);
    await expect(readRelationshipFile(file('bad3.txt', '1|2\n'))).rejects.toThrow(/bad3\.txt:1: malformed line/);
    await expect(readRelationshipFile(file('bad4.txt', '1|4294967296|0\n'))).rejects.toThrow(/out of range/);
    await expect(readRelationshipFile(file('bad5.csv', 'as1,as2,afi,relation,confidence,evidence_count,sources\n1,2,ipv5,p2c,1,1,X\n'))).rejects.toThrow(/bad5\.csv:2: afi "ipv5"/);
    await expect(readRelationshipFile(file('bad6.csv', 'as1,as2,afi,relation,confidence,evidence_count,sources\n1,2,ipv4,transit,1,1,X\n'))).rejects.toThrow(/bad6\.csv:2: relation "transit"/);
    await expect(readRelationshipFile(file('bad7.txt', 'hello world\n'))).rejects.toThrow(/bad7\.txt:1: not a relationship file/);
    await expect(readRelationshipFile(file('bad8.txt', '5|5|0\n'))).rejects.toThrow(/AS5 is related to itself/);
    await expect(readRelationshipFile(file('bad9.txt', '5|x|0\n5|y|0\n5|z|0\n'))).rejects.toThrow(/bad9\.txt:1: second AS "x" is not an AS number \(and 2 more bad lines; no good one\)/);
    await expect(readRelationshipFile(join(dir, 'absent.txt'))).rejects.toThrow(/absent\.txt: cannot read/);
  });

  // Crafted lines (the audit's): one bad line must not cost a 190,000-line file.
  it('skips bad lines, counting them and naming the first five, and reads the good ones', async () => {
    const r = await loadRelationshipFile(file('mixed.txt', [
      '1299|6939|-1', '174|1299|0', '4294967296|1|-1', '0|5|-1', '-1|2|0', '23456|7|0', '1|1|0', 'abc|def|x', '1|2|5', '1|2', '|||',
    ].join('\n')));
    expect(r.edges).toEqual([{ a: 1299, b: 6939, family: 'ipv4', relation: 'p2c' }, { a: 174, b: 1299, family: 'ipv4', relation: 'p2p' }]);
    expect(r.bad.count).toBe(9);
    expect(r.bad.first).toEqual([
      { line: 3, detail: 'first AS 4294967296 is out of range (0..4294967295)' },
      { line: 4, detail: 'first AS: AS0 is reserved and never names a network (RFC 7607)' },
      { line: 5, detail: 'first AS "-1" is not an AS number' },
      { line: 6, detail: expect.stringMatching(/^first AS: AS23456 is AS_TRANS, .*\(RFC 6793\)$/) },
      { line: 7, detail: 'AS1 is related to itself' },
    ]);
  });

  it('rejects AS0 and AS_TRANS in either column of CAIDA and asrel CSV lines', async () => {
    const r = await loadRelationshipFile(file('reserved.txt', '5|0|-1\n7|23456|0\n1|2|-1\n'));
    expect(r.edges).toHaveLength(1);
    expect(r.bad.first.map((b) => b.detail)).toEqual([
      expect.stringMatching(/^second AS: AS0 is reserved/), expect.stringMatching(/^second AS: AS23456 is AS_TRANS/),
    ]);
    await expect(readRelationshipFile(file('reserved.csv', 'a,b,afi,relation,confidence,evidence_count,sources\n0,5,ipv4,p2c,1,1,X\n'))).rejects.toThrow(/reserved\.csv:2: a: AS0 is reserved/);
  });

  it('rejects an asrel CSV confidence outside [0, 1] with its line', async () => {
    const head = 'a,b,afi,relation,confidence,evidence_count,sources';
    for (const [c, shown] of [['2.5', '"2.5"'], ['NaN', '"NaN"'], ['-3', '"-3"'], ['', '""'], ['Infinity', '"Infinity"']]) {
      await expect(readRelationshipFile(file('conf.csv', `${head}\n1299,6939,ipv6,p2c,${c},1,x\n`))).rejects.toThrow(`conf.csv:2: confidence ${shown} is not a number from 0 to 1`);
    }
    const r = await loadRelationshipFile(file('conf2.csv', `${head}\n1,2,ipv4,p2c,0,1,x\n1,3,ipv4,p2c,1,1,x\n1,4,ipv4,p2c,0.37,1,x\n174,1299,ipv6,p2p,2.5,1,x\n`));
    expect(r.edges).toHaveLength(3);
    expect(r.bad).toEqual({ count: 1, first: [{ line: 5, detail: 'confidence "2.5" is not a number from 0 to 1' }] });
  });

  it('keeps a pair given twice once, counting repeats and contradictions apart', async () => {
    const r = await loadRelationshipFile(file('dup.txt', '1|2|-1\n1|3|-1\n1|4|0\n1|2|-1\n4|1|0\n2|1|-1\n'));
    expect(r.edges).toEqual([
      { a: 1, b: 2, family: 'ipv4', relation: 'p2c' }, { a: 1, b: 3, family: 'ipv4', relation: 'p2c' }, { a: 1, b: 4, family: 'ipv4', relation: 'p2p' },
    ]);
    expect(r.duplicates).toBe(2);
    expect(r.contradictions).toEqual({ count: 1, first: { line: 6, a: 2, b: 1, kept: 'AS1 provider of AS2', dropped: 'AS2 provider of AS1' } });
  });

  it('quotes at most 80 characters of an over-long field in its message', async () => {
    const long = '0'.repeat(3_000_000);
    const err = await readRelationshipFile(file('long.txt', `1|2|${long}\n`)).catch((e: Error) => e);
    expect((err as Error).message).toBe(`${join(dir, 'long.txt')}:1: relationship "${'0'.repeat(80)}…" is neither -1 (provider|customer) nor 0 (peer|peer)`);
    const line = await readRelationshipFile(file('longline.txt', `1|2|-1\n${'9'.repeat(200)}\n`)).then(() => loadRelationshipFile(join(dir, 'longline.txt')));
    expect(line.bad.first[0]!.detail.length).toBeLessThan(140);
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
