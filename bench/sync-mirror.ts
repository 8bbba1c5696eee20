/**
 * A local IRR mirror to try `asrel sync` on, and to measure it (README, "Keeping a mirror
 * current"): serves an RPSL file (the synthetic world of bench/synth/generate.ts, or any dump)
 * on 127.0.0.1 as an NRTMv4 repository (a snapshot, signed with a key made on first start and
 * kept beside the file), as a dump with its CURRENTSERIAL, and as an NRTMv3 journal over whois.
 * With --changes N it publishes N changes (remarks added to aut-nums) every --every seconds,
 * as an NRTMv4 delta and as NRTMv3 serials. The servers are the test suite's (test/sync/servers.ts).
 *
 * SYNTHETIC DATA when given the generated world: none of it is real registry text.
 *
 * Usage: npx tsx bench/sync-mirror.ts --rpsl /tmp/asrel-world/world.rpsl [--source SYNTH]
 *        [--http-port 8043] [--whois-port 4343] [--changes 100 --every 60]
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FileServer, Nrtm3Journal, Nrtm4Publisher, keyPair, type TestChange } from '../test/sync/servers.js';

const args = process.argv.slice(2);
const get = (k: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
const rpsl = get('--rpsl');
if (!rpsl) {
  console.error('usage: npx tsx bench/sync-mirror.ts --rpsl FILE [--source SYNTH] [--http-port 8043] [--whois-port 4343] [--changes N --every SECONDS]');
  process.exit(2);
}
const source = (get('--source') ?? 'SYNTH').toUpperCase();
const httpPort = Number(get('--http-port') ?? 8043);
const whoisPort = Number(get('--whois-port') ?? 4343);
const changesPer = Number(get('--changes') ?? 0);
const every = Math.max(1, Number(get('--every') ?? 60));

// Objects: blocks between blank lines, `source:` set to the source served.
const objects = readFileSync(rpsl, 'utf8').split(/\n[ \t]*\n/).map((b) => b.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('%')).join('\n'))
  .filter((b) => /^[a-z-]+:/i.test(b)).map((b) => `${b.replace(/^source:.*$/m, '').trimEnd()}\nsource:         ${source}\n`);
const autNums = objects.filter((o) => o.startsWith('aut-num:'));

const files = await new FileServer().start(httpPort);
const nrtm4 = new Nrtm4Publisher(files, source);
// One key per file served, kept beside it, so the README's --key path stays valid across restarts.
const privPath = join(dirname(rpsl), `${source.toLowerCase()}-nrtm4-private.pem`);
const pubPath = join(dirname(rpsl), `${source.toLowerCase()}-nrtm4-public.pem`);
if (existsSync(privPath)) {
  const privateKey = createPrivateKey(readFileSync(privPath));
  nrtm4.key = { privateKey, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
} else {
  nrtm4.key = keyPair();
  writeFileSync(privPath, nrtm4.key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
}
writeFileSync(pubPath, nrtm4.key.publicPem);
let version = 1;
const deltas: { version: number; changes: TestChange[] }[] = [];
nrtm4.publish({ version, objects }, deltas);

const BASE_SERIAL = 1000;
files.files.set(`/${source.toLowerCase()}.db.gz`, gzipSync(Buffer.from(objects.join('\n'))));
files.files.set(`/${source}.CURRENTSERIAL`, Buffer.from(`${BASE_SERIAL}\n`));
const journal = new Nrtm3Journal(source);
journal.oldest = BASE_SERIAL + 1;
const whois = net.createServer((s) => {
  let buf = '';
  s.on('error', () => {});
  s.on('data', (d: Buffer) => {
    buf += d.toString();
    const nl = buf.indexOf('\n');
    if (nl < 0) return;
    s.end(journal.reply(buf.slice(0, nl).trim()));
  });
});
await new Promise<void>((r) => whois.listen(whoisPort, '127.0.0.1', () => r()));

const base = `http://127.0.0.1:${httpPort}`;
console.log(`serving ${objects.length} objects (${autNums.length} aut-nums) of ${rpsl} as source ${source}:`);
console.log(`  NRTMv4: asrel sync ${source} --nrtm4 ${nrtm4.unfUrl} --key ${pubPath}`);
console.log(`  dump + NRTMv3: asrel sync ${source} --dump ${base}/${source.toLowerCase()}.db.gz --serial ${base}/${source}.CURRENTSERIAL --nrtm3 127.0.0.1:${whoisPort}`);

if (changesPer > 0) {
  let serial = BASE_SERIAL;
  let round = 0;
  setInterval(() => {
    round++;
    version++;
    const changes: TestChange[] = [];
    for (let i = 0; i < changesPer; i++) {
      const o = autNums[(round * changesPer + i) % autNums.length]!;
      const text = o.replace(/\nsource:/, `\nremarks:        change ${round}.${i} (synthetic)\nsource:`);
      changes.push({ op: 'add', text });
      journal.add(++serial, 'ADD', text);
    }
    deltas.push({ version, changes });
    nrtm4.publish({ version: 1, objects }, deltas);
    console.log(`published ${changesPer} changes: NRTMv4 version ${version}, NRTMv3 serials up to ${serial}`);
  }, every * 1000);
}
