import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bgpdumpPathText, openRoutes, type ObservedRoute, type RouteSource } from '../../src/bgp/paths.js';

export const MRT = join(import.meta.dirname, '..', 'fixtures', 'mrt');
export const RRC03 = join(MRT, 'rrc03-2010.02-updates.20100227.1600.first-796-records.gz');
export const RRC15 = join(MRT, 'rrc15-2010.02-updates.20100227.1600.gz');

/** All routes of an input, and the source (for its counts and warnings). */
export async function readAll(input: Parameters<typeof openRoutes>[0], opts: Parameters<typeof openRoutes>[1] = {}): Promise<{ routes: ObservedRoute[]; src: RouteSource }> {
  const src = await openRoutes(input, opts);
  const routes: ObservedRoute[] = [];
  for await (const r of src) routes.push(r);
  return { routes, src };
}

/** A route as the comparable fields of a `bgpdump -m` line: time|peer ip|peer as|prefix|path. */
export const asLine = (r: ObservedRoute) => `${r.timestamp}|${r.peerIp}|${r.peerAs}|${r.prefix}|${bgpdumpPathText(r.segments, r.path)}`;

export function hasBgpdump(): boolean {
  try {
    return spawnSync('bgpdump', ['-T'], { stdio: 'ignore' }).error === undefined;
  } catch {
    return false;
  }
}

/** `bgpdump -m FILE`'s announcements and RIB entries, in the fields `asLine` gives. */
export function bgpdumpLines(file: string): string[] {
  const r = spawnSync('bgpdump', ['-m', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`bgpdump failed: ${r.stderr}`);
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const f = line.split('|');
    if (f[2] !== 'A' && f[2] !== 'B') continue;
    const path = f[0]!.endsWith('_AP') ? f[7] : f[6];
    out.push(`${f[1]}|${f[3]}|${f[4]}|${f[5]}|${path}`);
  }
  return out;
}
