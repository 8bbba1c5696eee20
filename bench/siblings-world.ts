/**
 * SYNTHETIC hostile inputs for sibling groups (issue 20, point 1). Nothing here is real
 * registry data: every object says SYNTHETIC in its descr and uses source SYNTH.
 *
 * Two shapes, both making one hub and N ASes siblings of it in IPv4 and IPv6 (a hub that
 * exports everything to a neighbour and imports everything from it is read as a sibling):
 *
 *  - `set`: the hub's aut-num names one as-set of N members as its peering both ways
 *    (`mp-import: afi any from AS-X accept ANY`, `mp-export: afi any to AS-X announce ANY`);
 *    the members publish nothing. Set expansion caps the set (100,000 members today).
 *  - `hub`: the hub names each of the N ASes both ways, and each of them publishes an
 *    aut-num naming the hub both ways (N mutual siblings).
 *
 * Around the group: two small transit trees that are joined in IPv4 only through the group
 * (so dark-spots and why-unreachable have work to do and answers to print), and a stub of
 * each tree. The same text for the same arguments.
 *
 *   npx tsx bench/siblings-world.ts --shape set|hub --n 8000 --out FILE
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export type SiblingShape = 'set' | 'hub';

/** The ASes a generated world is built around (for picking command arguments). */
export const HUB = 64500;
/** Member k (0-based) of the group: private-use 32-bit ASNs. */
export const member = (k: number): number => 4_200_000_000 + k;
/** Two transit-free tops outside the group, each with a customer stub. */
export const TOP_A = 64501;
export const TOP_B = 64502;
export const STUB_A = 64511;
export const STUB_B = 64512;
export const SET_NAME = 'AS64500:AS-SIBLINGS';

const pad = (k: string) => `${k}:`.padEnd(16, ' ');

function autNum(asn: number, lines: string[]): string {
  return [pad('aut-num') + `AS${asn}`, pad('as-name') + `SYNTH-${asn}`, pad('descr') + 'SYNTHETIC sibling-group world (asrel bench)', ...lines,
    pad('mnt-by') + 'MNT-SYNTH', pad('source') + 'SYNTH'].join('\n') + '\n\n';
}

const both = (nb: string) => [pad('mp-import') + `afi any from ${nb} accept ANY`, pad('mp-export') + `afi any to ${nb} announce ANY`];
const provider = (nb: number) => [pad('mp-import') + `afi any from AS${nb} accept ANY`, pad('mp-export') + `afi any to AS${nb} announce AS-SELF`];
const customer = (nb: number) => [pad('mp-import') + `afi any from AS${nb} accept AS${nb}`, pad('mp-export') + `afi any to AS${nb} announce ANY`];
const v4peer = (nb: number) => [pad('import') + `from AS${nb} accept AS${nb}`, pad('export') + `to AS${nb} announce AS-SELF`];

/** The world's objects, in chunks (the 1,000,000-member set is a few tens of MB). */
export function* siblingWorld(shape: SiblingShape, n: number): Generator<string> {
  // The hub: the group both ways; buys transit from TOP_A; peers with TOP_B in IPv4 only.
  const [head, tail] = autNum(HUB, [...provider(TOP_A), ...v4peer(TOP_B), '\u0000']).split('\u0000\n');
  yield head!;
  if (shape === 'set') yield both(SET_NAME).join('\n') + '\n';
  else {
    let chunk: string[] = [];
    for (let k = 0; k < n; k++) {
      chunk.push(...both(`AS${member(k)}`));
      if (chunk.length >= 20_000 || k === n - 1) {
        yield chunk.join('\n') + '\n';
        chunk = [];
      }
    }
  }
  yield tail!;
  yield autNum(TOP_A, [...customer(HUB), ...customer(STUB_A)]);
  yield autNum(TOP_B, [...v4peer(HUB), ...customer(STUB_B)]);
  yield autNum(STUB_A, provider(TOP_A));
  yield autNum(STUB_B, provider(TOP_B));
  if (shape === 'set') {
    yield [pad('as-set') + SET_NAME, pad('descr') + `SYNTHETIC: ${n} members used as a sibling peering`].join('\n') + '\n';
    let chunk: string[] = [];
    for (let k = 0; k < n; k++) {
      chunk.push(`AS${member(k)}`);
      if (chunk.length === 8) {
        yield pad('members') + chunk.join(', ') + '\n';
        chunk = [];
      }
    }
    if (chunk.length) yield pad('members') + chunk.join(', ') + '\n';
    yield [pad('mnt-by') + 'MNT-SYNTH', pad('source') + 'SYNTH'].join('\n') + '\n\n';
  } else {
    for (let k = 0; k < n; k++) yield autNum(member(k), both(`AS${HUB}`));
  }
}

/** Writes the world to `file`. */
export async function writeSiblingWorld(shape: SiblingShape, n: number, file: string): Promise<void> {
  const out: WriteStream = createWriteStream(file);
  for (const s of siblingWorld(shape, n)) if (!out.write(s)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (name: string) => { const k = args.indexOf(name); return k >= 0 ? args[k + 1] : undefined; };
  const shape = get('--shape');
  const n = Number(get('--n'));
  const out = get('--out');
  if ((shape !== 'set' && shape !== 'hub') || !Number.isInteger(n) || n < 1 || !out) {
    console.error('usage: npx tsx bench/siblings-world.ts --shape set|hub --n 8000 --out FILE');
    process.exit(2);
  }
  await writeSiblingWorld(shape, n, out);
}
