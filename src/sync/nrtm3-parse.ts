/**
 * The NRTMv3 answer to `-g SOURCE:3:FIRST-LAST` (as IRRd and the RIPE server write it):
 *
 *     %START Version: 3 RADB 101-103
 *
 *     ADD 101
 *
 *     aut-num: AS65000
 *     …
 *
 *     DEL 103
 *
 *     as-set: AS-FOO
 *     …
 *
 *     %END RADB
 *
 * `%` comment lines may come before %START. Serials may skip numbers (IRRd journals only
 * some changes) but must increase. Instead of %START, a server may answer
 * `% Warning: there are no newer updates available` or `%ERROR:401: invalid range: …`.
 */
import { SyncError } from './errors.js';

export interface Nrtm3Op {
  op: 'ADD' | 'DEL';
  serial: number;
  /** The object's lines. */
  text: string;
}

export type Nrtm3Answer =
  | { kind: 'up-to-date' }
  | { kind: 'error'; code: number; message: string }
  | { kind: 'ops'; source: string; first: number; last: number; ops: Nrtm3Op[] };

/** Longest object accepted in an answer. */
export const MAX_OBJECT_CHARS = 16 * 1024 * 1024;

export function parseNrtm3(answer: string, source: string): Nrtm3Answer {
  const lines = answer.replace(/\r\n/g, '\n').split('\n');
  const cut = (why: string) => new SyncError('retry', `the NRTMv3 answer is incomplete or malformed: ${why}; nothing of it applied`);
  let i = 0;
  let start: RegExpExecArray | null = null;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const err = /^%\s*ERROR:\s*(\d+):\s*(.*)$/i.exec(l);
    if (err) return { kind: 'error', code: Number(err[1]), message: err[2]!.trim() };
    if (/^%\s*Warning: there are no (newer )?updates available/i.test(l)) return { kind: 'up-to-date' };
    start = /^%START Version:\s*(\d+)\s+(\S+)\s+(\d+)-(\d+)/.exec(l);
    if (start) break;
    if (l.trim() !== '' && !l.startsWith('%') && !l.startsWith('#')) throw cut(`line ${i + 1} comes before %START`);
  }
  if (!start) throw cut('no %START line');
  if (start[1] !== '3') throw cut(`the server answered NRTM version ${start[1]}, not 3`);
  if (start[2]!.toUpperCase() !== source.toUpperCase()) throw cut(`%START names source ${start[2]}, not ${source}`);
  const first = Number(start[3]);
  const last = Number(start[4]);
  const ops: Nrtm3Op[] = [];
  let prev = first - 1;
  for (i++; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (/^%END\b/.test(l)) {
      if (l.trim().split(/\s+/)[1]?.toUpperCase() !== source.toUpperCase()) throw cut(`%END names another source (${l.trim()})`);
      return { kind: 'ops', source, first, last, ops };
    }
    if (l.startsWith('%') || l.startsWith('#')) continue;
    const m = /^(ADD|DEL)\s+(\d+)\s*$/.exec(l);
    if (!m) throw cut(`line ${i + 1} is neither ADD n nor DEL n (${l.slice(0, 60)})`);
    const serial = Number(m[2]);
    if (serial <= prev) throw cut(`serial ${serial} does not follow ${prev}`);
    if (serial > last) throw cut(`serial ${serial} is past the range ${first}-${last} announced`);
    prev = serial;
    // A blank line, then the object up to the next blank line.
    i++;
    while (i < lines.length && lines[i]!.trim() === '') i++;
    const objectLines: string[] = [];
    let chars = 0;
    for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
      chars += lines[i]!.length + 1;
      if (chars > MAX_OBJECT_CHARS) throw cut(`the object of serial ${serial} is longer than ${MAX_OBJECT_CHARS} characters`);
      objectLines.push(lines[i]!);
    }
    if (objectLines.length === 0 || /^%END\b/.test(objectLines[0]!)) throw cut(`${m[1]} ${serial} has no object`);
    ops.push({ op: m[1] as 'ADD' | 'DEL', serial, text: `${objectLines.join('\n')}\n` });
  }
  throw cut(`no %END ${source} line (the answer was cut after ${ops.length} changes)`);
}
