// src/irr keeps its own copy of the terminal-safety rule for server text (the wire imports no
// stage above it): it must quote exactly as src/report/sanitize.ts does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { printable as reportPrintable, sanitizeLine as reportLine } from '../../src/report/sanitize.js';
import { printable, sanitizeLine } from '../../src/irr/server-text.js';

const chars = fc.constantFrom('\x1b', '[', '\x07', '\x9b', '\x85', '\r', '\n', '\r\n', '\t', ' ', '\x00', '\x7f', '\u202e', '\u2066', '\u2028', '\u200b', '\ufeff', '\xad', '\u{e0041}', 'a', 'é', '\ud83d\ude00', 'F');

describe('src/irr/server-text.ts', () => {
  it('quotes server text as src/report/sanitize.ts does (property)', () => {
    fc.assert(fc.property(fc.array(chars, { maxLength: 60 }).map((a) => a.join('')), fc.integer({ min: 1, max: 40 }), (s, max) => {
      expect(sanitizeLine(s)).toBe(reportLine(s));
      expect(sanitizeLine(s, max)).toBe(reportLine(s, max));
      expect(printable(s)).toBe(reportPrintable(s));
      expect(printable(s, max)).toBe(reportPrintable(s, max));
    }), { numRuns: 500 });
  });

  it('shows an ESC sequence in an F message as text, on one line', () => {
    expect(sanitizeLine('bad\x1b[2J\r\n  query\tx')).toBe('bad\\x1b[2J query x');
  });
});
