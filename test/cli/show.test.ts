import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeServer, realObjects } from '../irr/fake-server.js';
import { asrelAsync as asrel } from './run.js';

let server: FakeServer;
let dir: string;
const objects = realObjects();
beforeAll(async () => {
  server = new FakeServer({ objects });
  await server.start();
  dir = await mkdtemp(join(tmpdir(), 'asrel-cli-show-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('asrel show', () => {
  it('fetches a missing object and prints it with source and fetch time', async () => {
    const r = await asrel(['show', 'as17830', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(0);
    const [head, ...rest] = r.stdout.split('\n');
    expect(head).toMatch(new RegExp(`^% aut-num AS17830, source APNIC, fetched \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z from ${server.address}$`));
    expect(rest.join('\n')).toBe(objects.get('aut-num AS17830'));
  });

  it('--offline reads the store only; --json gives provenance', async () => {
    const before = server.connections;
    const r = await asrel(['show', 'AS17830', '--offline', '--json', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(0);
    const [e] = JSON.parse(r.stdout);
    expect(e).toMatchObject({ class: 'aut-num', key: 'AS17830', source: 'APNIC', fresh: true, provenance: { kind: 'live', from: server.address } });
    expect(e.text).toBe(objects.get('aut-num AS17830'));
    const missing = await asrel(['show', 'AS3255', '--offline', '--server', server.address, '--data', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`asrel: aut-num AS3255 is not in the store (${dir})`);
    expect(server.connections).toBe(before);
  });

  it('says so when the server has no such object', async () => {
    const r = await asrel(['show', 'AS-NOSUCHSET', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`asrel: as-set AS-NOSUCHSET not found on ${server.address}`);
  });
});
