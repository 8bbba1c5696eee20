// The 2× world of issue 22: two copies of a synthetic world (bench/synth/generate.ts), the
// second with every AS number shifted by TWIN_SHIFT and every set name suffixed, joined by a
// few peering links between the copies' largest ASes. SYNTHETIC, like the worlds it copies.
import { readFileSync, writeFileSync, mkdirSync, existsSync, statSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './generate.js';

/** Added to every AS number of the second copy: above every ASN of CAIDA 2015, below the private ranges. */
export const TWIN_SHIFT = 1_000_000;

/** The second copy's text: AS numbers shifted, set names (as-, peering-, filter-, route-sets) suffixed. */
export function shifted(text: string): string {
  return text
    .replace(/\b(AS-|PRNG-|FLTR-|RS-)([A-Z0-9_-]*[A-Z0-9_])/gi, (m, p: string, name: string) => (name.toUpperCase() === 'ANY' ? m : `${p}${name}-TWIN`))
    .replace(/\bAS(\d+)\b/g, (_m, n: string) => `AS${Number(n) + TWIN_SHIFT}`)
    .replace(/^(\d+)\|(\d+)\|/gm, (_m, a: string, b: string) => `${Number(a) + TWIN_SHIFT}|${Number(b) + TWIN_SHIFT}|`);
}

/** Peering lines (both families) from `asn` to `other`, inserted after the object's `aut-num:` line. */
function joinLines(asn: number, other: number): string {
  return [
    `import:         from AS${other} accept AS${other}  # twin join (synthetic)`,
    `export:         to AS${other} announce AS${asn}`,
    `mp-import:      afi ipv6.unicast from AS${other} accept AS${other}`,
    `mp-export:      afi ipv6.unicast to AS${other} announce AS${asn}`,
  ].join('\n');
}

function join2(text: string, asn: number, other: number): string {
  const re = new RegExp(`^aut-num: +AS${asn}\\n`, 'm');
  if (!re.test(text)) throw new Error(`AS${asn} has no aut-num in the world`);
  return text.replace(re, (m) => `${m}${joinLines(asn, other)}\n`);
}

/**
 * Writes the 2× world of `from` (a generated world folder) into `out`, unless it is there and
 * newer. `joins`: ASes of the first copy peered with their twins.
 */
export function twinWorld(from: string, out: string, joins: readonly number[]): Manifest {
  const manifestFile = join(out, 'manifest.json');
  if (existsSync(manifestFile) && statSync(manifestFile).mtimeMs >= statSync(join(from, 'world.rpsl')).mtimeMs) {
    return JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  }
  mkdirSync(out, { recursive: true });
  let a = readFileSync(join(from, 'world.rpsl'), 'latin1');
  let b = shifted(a.replace(/^#.*\n/gm, ''));
  for (const asn of joins) {
    a = join2(a, asn, asn + TWIN_SHIFT);
    b = join2(b, asn + TWIN_SHIFT, asn);
  }
  const head = `# SYNTHETIC 2x world (bench/synth/twin.ts): two copies of ${from}, the second shifted by ${TWIN_SHIFT}, joined by ${joins.length} peerings. Not real registry data.\n`;
  writeFileSync(join(out, 'world.rpsl'), head + a + '\n' + b, 'latin1');
  for (const f of ['truth-ipv4.txt', 'truth-ipv6.txt', 'ambiguous-ipv4.txt', 'ambiguous-ipv6.txt']) {
    if (!existsSync(join(from, f))) continue;
    const t = readFileSync(join(from, f), 'utf8');
    const joinsText = f.startsWith('truth') ? joins.map((x) => `${x}|${x + TWIN_SHIFT}|0\n`).join('') : '';
    writeFileSync(join(out, f), t + shifted(t.replace(/^#.*\n/gm, '')) + joinsText);
  }
  if (existsSync(join(from, 'planted.txt'))) copyFileSync(join(from, 'planted.txt'), join(out, 'planted.txt'));
  const m = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Manifest;
  const c = m.counts;
  const twice = (x: number) => x * 2;
  const manifest: Manifest = {
    ...m,
    counts: {
      ...c,
      ases: twice(c.ases), publishing: twice(c.publishing), asAnyOnly: twice(c.asAnyOnly), autNums: twice(c.autNums), asSets: twice(c.asSets),
      policyAttributes: twice(c.policyAttributes) + joins.length * 8, bytes: statSync(join(out, 'world.rpsl')).size,
      truth: { ipv4: twice(c.truth.ipv4) + joins.length, ipv6: twice(c.truth.ipv6) + joins.length },
    },
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return manifest;
}
