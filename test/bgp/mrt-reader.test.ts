import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SEGMENT } from '../../src/bgp/bgp-attributes.js';
import { collapsePrepending } from '../../src/bgp/paths.js';
import { peerIndexTable, ribRecord, updateRecord } from '../../bench/synth/rib-mrt.js';
import { asLine, bgpdumpLines, hasBgpdump, MRT, readAll, RRC03, RRC15 } from './helpers.js';

const chunks = (...bufs: Buffer[]) => Readable.from(bufs);

// The reference: bgpdump's own reading of the same real files. Skipped only when bgpdump is
// not installed outside CI (.ci/run installs the Debian package).
const reference = hasBgpdump();
if (!reference && !process.env.CI) console.warn('bgpdump is not installed: the comparison with `bgpdump -m` is skipped (apt-get install bgpdump)');

describe.skipIf(!reference && !process.env.CI)('the reader agrees with `bgpdump -m`', () => {
  const files = [
    'rrc15-2010.02-updates.20100227.1600.gz', 'rrc15-2010.02-updates.20100227.1610.gz', 'rrc03-2010.02-updates.20100227.1600.first-796-records.gz',
    'quagga_rib', 'openbgpd_rib_table-v2', 'bird6-mrtdump_rib', 'quagga_bgp',
  ];
  for (const f of files) {
    it(`on ${f}: the same routes, prefixes, peers, times and AS paths, in the same order`, async () => {
      const { routes, src } = await readAll(join(MRT, f));
      expect(routes.map(asLine)).toEqual(bgpdumpLines(join(MRT, f)));
      expect(src.warnings.total).toBe(0);
    });
  }
});

describe('real RIS updates', () => {
  it('rrc15 16:00: 53,806 records, 52,468 announcements, 1,318 withdrawals, 3,496 distinct AS paths', async () => {
    const { routes, src } = await readAll(RRC15);
    expect(src.format).toBe('mrt');
    expect(src.counts).toMatchObject({ records: 6615, routes: 52468, withdrawals: 1318, stateChanges: 20 });
    expect(new Set(routes.map((r) => r.path.join(' '))).size).toBe(3496);
    expect(routes[0]).toMatchObject({ afi: 'ipv4', prefix: '199.60.22.0/24', peerAs: 22548, peerIp: '200.160.0.137', path: [22548, 16735, 8167, 6453, 3257, 18747], timestamp: 1267286400, kind: 'update' });
  });

  it('reads the same routes from gzip, bzip2 (native and JavaScript), plain bytes, the bgpdump -m text and stdin-like streams', async () => {
    const gz = (await readAll(RRC03)).routes.map(asLine);
    expect(gz.length).toBe(1226);
    const bz = RRC03.replace(/\.gz$/, '.bz2');
    expect((await readAll(bz)).routes.map(asLine)).toEqual(gz);
    expect((await readAll(bz, { bzip2: 'js' })).routes.map(asLine)).toEqual(gz);
    const plain = gunzipSync(readFileSync(RRC03));
    // One byte at a time: records and headers split across chunks.
    const tiny = Array.from({ length: Math.ceil(plain.length / 7) }, (_, i) => plain.subarray(i * 7, i * 7 + 7));
    expect((await readAll(chunks(...tiny))).routes.map(asLine)).toEqual(gz);
    const text = await readAll(RRC03.replace(/\.gz$/, '.bgpdump-m.txt'));
    expect(text.src.format).toBe('bgpdump-text');
    expect(text.routes.map(asLine)).toEqual(gz);
    expect(text.src.counts.withdrawals).toBe(133);
    expect(text.src.warnings.total).toBe(0);
  });

  it('reads from an http URL (a server on 127.0.0.1 in the test)', async () => {
    const body = readFileSync(RRC03);
    const server = createServer((_, res) => res.end(body));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const { routes } = await readAll(`http://127.0.0.1:${port}/updates.gz`);
      expect(routes.length).toBe(1226);
    } finally {
      server.close();
    }
  });
});

describe('lab captures', () => {
  it('BIRD\'s ADD-PATH UPDATEs under the plain subtype are read with their path identifiers (bgpdump misreads them as 0.0.0.0/0)', async () => {
    const { routes, src } = await readAll(join(MRT, 'bird_bgp'));
    expect(routes.filter((r) => r.path.length > 0).map((r) => r.prefix)).toEqual(expect.arrayContaining(['172.17.0.0/24', '172.17.1.0/24', '172.17.2.0/24']));
    expect(routes.every((r) => !r.prefix.startsWith('0.0.0.0/'))).toBe(true);
    // Read, not skipped: a notice, not damage.
    expect(src.warnings.notices.get('ADD-PATH message under a plain BGP4MP subtype, read with path identifiers')).toBe(6);
    expect(src.warnings.total).toBe(0);
    const v6 = await readAll(join(MRT, 'bird6_bgp'));
    expect(v6.routes.map((r) => `${r.afi} ${r.prefix}`)).toContain('ipv6 fd01:1:2::/64');
  });

  it('RIB dumps: 4-byte ASNs and IPv6 prefixes from the peer index table', async () => {
    const { routes } = await readAll(join(MRT, 'quagga_rib'));
    expect(routes[3]).toMatchObject({ afi: 'ipv6', prefix: 'fd01:1::/64', peerIp: 'fd02::10', peerAs: 65000, path: [4200000000, 4200000000, 4200000000, 64512, 64512, 64512], kind: 'rib' });
    expect(collapsePrepending(routes[3]!.path)).toEqual([4200000000, 64512]);
  });
});

// Hand-made records (SYNTHETIC, written by bench/synth/rib-mrt.ts) for what the real files lack.
describe('synthetic records for cases the real files lack', () => {
  const peer = { ip: '192.0.2.1', asn: 64500 };
  it('merges AS4_PATH into a 2-byte AS_PATH with AS_TRANS (RFC 6793 §4.2.3)', async () => {
    const rec = updateRecord({ peer, prefixes: ['203.0.113.0/24'], as4: false, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500, 23456, 23456, 3356] }], as4Path: [{ type: SEGMENT.AS_SEQUENCE, asns: [4200000001, 4200000002, 3356] }] });
    const { routes } = await readAll(chunks(rec));
    expect(routes[0]!.path).toEqual([64500, 4200000001, 4200000002, 3356]);
  });
  it('ignores an AS4_PATH longer than the AS_PATH', async () => {
    const rec = updateRecord({ peer, prefixes: ['203.0.113.0/24'], as4: false, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500, 3356] }], as4Path: [{ type: SEGMENT.AS_SEQUENCE, asns: [1, 2, 3] }] });
    expect((await readAll(chunks(rec))).routes[0]!.path).toEqual([64500, 3356]);
  });
  it('flags AS_SET and confederation segments, keeps the sequence, reads IPv6 MP_REACH', async () => {
    const rec = updateRecord({ peer, prefixes: ['2001:db8::/32', '2001:db8:1::/48'], as4: true, segments: [
      { type: SEGMENT.AS_CONFED_SEQUENCE, asns: [65001] }, { type: SEGMENT.AS_SEQUENCE, asns: [64500, 174] }, { type: SEGMENT.AS_SET, asns: [1, 2] }] });
    const { routes } = await readAll(chunks(rec));
    expect(routes.map((r) => r.prefix)).toEqual(['2001:db8::/32', '2001:db8:1::/48']);
    expect(routes[0]).toMatchObject({ afi: 'ipv6', path: [64500, 174], hasAsSet: true, confed: true });
    expect(asLine(routes[0]!)).toContain('(65001) 64500 174 {1,2}');
  });
  it('counts withdrawals, RIB entries pointing past the peer table, and a RIB before any peer table', async () => {
    const w = updateRecord({ peer, prefixes: ['198.51.100.0/24'], withdrawn: ['203.0.113.0/24', '192.0.2.0/24'], as4: true, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500] }] });
    const rib = ribRecord(0, '10.0.0.0/8', [{ peer: 0, segments: [64500, 1] }, { peer: 7, segments: [64500, 2] }]);
    const { routes, src } = await readAll(chunks(w, rib, peerIndexTable([peer]), rib));
    expect(src.counts.withdrawals).toBe(2);
    expect(routes.map((r) => r.path.join(' '))).toEqual(['64500', '64500 1']);
    expect(src.warnings.summary()).toBe('1 RIB entry before any PEER_INDEX_TABLE skipped, 1 RIB entry naming a peer not in the PEER_INDEX_TABLE skipped');
  });
  it('skips damaged bytes between records and finds the next header', async () => {
    const a = updateRecord({ peer, prefixes: ['198.51.100.0/24'], as4: true, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500, 1] }] });
    const b = updateRecord({ peer, prefixes: ['203.0.113.0/24'], as4: true, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500, 2] }] });
    const junk = Buffer.from('not an MRT header at all, some garbage bytes here');
    const { routes, src } = await readAll(chunks(a, junk, b));
    expect(routes.map((r) => r.prefix)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
    expect(src.warnings.counts.get('stretch of damaged bytes skipped (no valid MRT header)')).toBe(1);
  });
  it('skips an oversized record without buffering it, and says when the input ends inside a record', async () => {
    const big = Buffer.alloc(12);
    big.writeUInt32BE(1_700_000_000, 0);
    big.writeUInt16BE(16, 4);
    big.writeUInt16BE(4, 6);
    big.writeUInt32BE(5000, 8);
    const b = updateRecord({ peer, prefixes: ['203.0.113.0/24'], as4: true, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: [64500, 2] }] });
    const { routes, src } = await readAll(chunks(big, Buffer.alloc(5000), b, b.subarray(0, 20)), { maxRecordBytes: 1000 });
    expect(routes.length).toBe(1);
    expect(src.warnings.summary()).toBe('1 oversized record skipped, 1 truncated record at the end of the input');
  });
});
