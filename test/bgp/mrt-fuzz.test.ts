// Fuzzing the MRT and `bgpdump -m` readers: truncated, corrupted, oversized and random
// records must give warnings, never an exception. Inputs are derived from the real rrc03
// file or made at random (synthetic).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrtRecord } from '../../bench/synth/rib-mrt.js';
import { readAll, RRC03 } from './helpers.js';

const plain = gunzipSync(readFileSync(RRC03));
const TEXT = readFileSync(RRC03.replace(/\.gz$/, '.bgpdump-m.txt'));
const FULL = 1226;
const stream = (b: Buffer, cut = 4096) => Readable.from(Array.from({ length: Math.ceil(b.length / cut) || 1 }, (_, i) => b.subarray(i * cut, (i + 1) * cut)));

describe('MRT reader fuzz: 0 exceptions', () => {
  it('truncated anywhere', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: plain.length }), fc.integer({ min: 1, max: 5000 }), async (at, cut) => {
      const { routes, src } = await readAll(stream(plain.subarray(0, at), cut));
      expect(routes.length).toBeLessThanOrEqual(FULL);
      if (at > 0 && at < plain.length && routes.length < FULL) expect(src.counts.records + src.warnings.total).toBeGreaterThan(0);
    }), { numRuns: 60 });
  });

  it('bytes overwritten at random', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: plain.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), async (edits) => {
      const b = Buffer.from(plain);
      for (const [i, v] of edits) b[i] = v;
      const { src } = await readAll(stream(b));
      expect(src.counts.routes).toBeGreaterThanOrEqual(0);
    }), { numRuns: 80 });
  });

  it('random records of every known type, with random and oversized lengths', async () => {
    const record = fc.tuple(
      fc.constantFrom(12, 13, 16, 17, 11, 48, 99),
      fc.integer({ min: 0, max: 14 }),
      fc.uint8Array({ maxLength: 300 }),
      fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
    ).map(([type, sub, body, len]) => {
      const r = mrtRecord(type, sub, Buffer.from(body), 1_267_286_400);
      if (len !== undefined) r.writeUInt32BE(len, 8); // a length that lies
      return r;
    });
    await fc.assert(fc.asyncProperty(fc.array(record, { maxLength: 30 }), fc.integer({ min: 1, max: 700 }), async (recs, cut) => {
      const { src } = await readAll(stream(Buffer.concat([plain.subarray(0, 2000), ...recs]), cut), { maxRecordBytes: 1 << 20 });
      expect(src.counts.records).toBeGreaterThan(0);
    }), { numRuns: 120 });
  });

  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
      await readAll(stream(Buffer.from(bytes), 333));
    }), { numRuns: 100 });
  });

  it('damaged gzip and bzip2 end the input with a warning, keeping what was read', async () => {
    const gz = readFileSync(RRC03);
    const { routes, src } = await readAll(stream(gz.subarray(0, gz.length >> 1)));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.length).toBeLessThan(FULL);
    expect(src.warnings.summary()).toMatch(/damaged compressed data/);
    const bz = readFileSync(RRC03.replace(/\.gz$/, '.bz2'));
    for (const mode of ['auto', 'js'] as const) {
      const r = await readAll(stream(bz.subarray(0, bz.length >> 1)), { bzip2: mode });
      expect(r.src.warnings.summary()).toMatch(/damaged compressed data/);
    }
  });
});

describe('bgpdump -m text fuzz: 0 exceptions', () => {
  it('lines cut, joined and overwritten at random', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 20, max: TEXT.length - 1 }), fc.constantFrom(...'|{}()[], 0123456789\nA'.split('').map((c) => c.charCodeAt(0)))), { maxLength: 50 }), async (edits) => {
      const b = Buffer.from(TEXT);
      for (const [i, v] of edits) b[i] = v;
      const { routes, src } = await readAll(stream(b, 1000));
      expect(src.format).toBe('bgpdump-text');
      for (const r of routes) expect(r.path.every((a) => Number.isInteger(a) && a >= 0 && a <= 0xffffffff)).toBe(true);
    }), { numRuns: 60 });
  });
  it('an over-long line is skipped with a warning', async () => {
    const long = Buffer.concat([Buffer.from('BGP4MP|1|A|1.2.3.4|1|1.0.0.0/8|'), Buffer.alloc(200_000, '1 '), Buffer.from('\n'), TEXT.subarray(0, 2000)]);
    const { src } = await readAll(stream(long, 10_000));
    expect(src.warnings.counts.get('over-long line skipped')).toBe(1);
  });
});
