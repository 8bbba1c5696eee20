// `aspa impact` on a hand-made SYNTHETIC hierarchy: AS1 and AS3 are AS2's providers, AS10 is
// AS1's customer, AS3 publishes AS0. A collector under AS3 sees AS2 leak AS1's route to AS3
// (a valley); AS1's ASPA turns that path Invalid — a leak newly caught — and breaks nothing.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectPaths } from '../../src/analysis/observed-paths.js';
import { relationLookup } from '../../src/analysis/verify.js';
import { aspaImpact } from '../../src/aspa/impact.js';
import { finish } from '../../src/aspa/read.js';
import { openRoutes } from '../../src/bgp/paths.js';
import { Topology } from '../../src/graph/topology.js';

const line = (path: string, prefix: string) => `TABLE_DUMP2|1700000000|B|192.0.2.1|${path.split(' ')[0]}|${prefix}|${path}|IGP|192.0.2.1|0|0||NAG||\n`;

describe('aspa impact', () => {
  it('a leak newly caught, a valley-free path left alone', async () => {
    const text = line('3 2 1 10', '198.51.100.0/24') + line('2 1 10', '203.0.113.0/24');
    const table = await collectPaths([await openRoutes(Readable.from([Buffer.from(text)]))], ['ipv4']);
    const topo = Topology.fromEdges([
      { a: 1, b: 2, family: 'ipv4', relation: 'p2c' }, { a: 3, b: 2, family: 'ipv4', relation: 'p2c' }, { a: 1, b: 10, family: 'ipv4', relation: 'p2c' },
    ], 'ipv4');
    const others = new Map([[3, finish(3, [0], 'rpki-client-json')], [2, finish(2, [1, 3], 'rpki-client-json')], [10, finish(10, [1], 'rpki-client-json')]]);
    const r = aspaImpact(table, ['ipv4'], 1, [0], others, 'downstream', { ipv4: relationLookup(topo) });
    expect(r.through.ipv4).toBe(2);
    expect(r.counts.ipv4).toEqual({ breaks: 0, caught: 1, otherInvalid: 0, newlyValid: 0 });
    expect(r.changes).toEqual([expect.objectContaining({ path: [3, 2, 1, 10], before: 'unknown', after: 'invalid', relations: 'valley' })]);
  });
});
