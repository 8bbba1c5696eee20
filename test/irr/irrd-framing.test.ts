import { describe, expect, it } from 'vitest';
import { FrameError, IrrdFrameParser, type IrrdFrame } from '../../src/irr/irrd-framing.js';
import { fixture, frame, objectsOf } from './fake-server.js';

function parseAll(p: IrrdFrameParser, chunks: Buffer[]): IrrdFrame[] {
  const out: IrrdFrame[] = [];
  for (const c of chunks) p.push(c, (f) => out.push(f));
  return out;
}

describe('IRRd answer framing', () => {
  // AS17830 in the DN42 registry has remarks drawn with box characters (3 bytes each in UTF-8).
  const obj = objectsOf(fixture('irr-access/dn42-registry-2023-10-22.db')).get('aut-num AS17830')!;
  const wire = Buffer.from(`${frame(obj)}C\nD\nF Unknown command\n`, 'utf8');

  it('counts bytes, not characters, and survives a split at every byte', () => {
    expect(Buffer.byteLength(obj)).toBeGreaterThan(obj.length); // multi-byte content
    for (let cut = 1; cut < wire.length; cut++) {
      const frames = parseAll(new IrrdFrameParser(1 << 20), [wire.subarray(0, cut), wire.subarray(cut)]);
      expect(frames.map((f) => f.kind)).toEqual(['A', 'C', 'D', 'F']);
      expect((frames[0] as { payload: Buffer }).payload.toString('utf8')).toBe(obj);
    }
    const byByte = parseAll(new IrrdFrameParser(1 << 20), [...wire].map((b) => Buffer.of(b)));
    expect((byByte[3] as { message: string }).message).toBe('Unknown command');
  });

  it('reads the real !j answer', () => {
    const f = parseAll(new IrrdFrameParser(1000), [Buffer.from(fixture('irr-access/irrd-bang-j-ALTDB.txt'))]);
    expect(f).toEqual([{ kind: 'A', payload: Buffer.from('ALTDB:Y:48227-49466\n') }]);
  });

  it('rejects the real garbled A736 answer of irrd-legacy issue 44', () => {
    const p = new IrrdFrameParser(1 << 20);
    expect(() => parseAll(p, [Buffer.from(fixture('irr-access/irrd-legacy-issue-44-bang-m-garbled.txt'))])).toThrow(/A736 frame does not match its payload/);
  });

  it('stops at the size cap on the header, before any payload', () => {
    const p = new IrrdFrameParser(1024);
    expect(() => parseAll(p, [Buffer.from('A104857600\n')])).toThrow(expect.objectContaining({ kind: 'too-large' }));
  });

  it('recognises RIPE-style text and junk', () => {
    const ripe = fixture('irr-access/ripe-reply-to-bang-query.txt');
    expect(() => parseAll(new IrrdFrameParser(10), [Buffer.from(ripe)])).toThrow(expect.objectContaining({ kind: 'not-irrd' }));
    expect(() => parseAll(new IrrdFrameParser(10), [Buffer.from('HTTP/1.1 400 Bad Request\n')])).toThrow(FrameError);
    expect(() => parseAll(new IrrdFrameParser(10), [Buffer.alloc(5000, 'x')])).toThrow(/without a newline/);
  });
});
