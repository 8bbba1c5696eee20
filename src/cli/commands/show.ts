import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { withDataOptions, withJson } from '../options.js';
import { fetchObjects } from '../../store/fetcher.js';
import type { SessionArgs } from '../../irr/session.js';
import type { Protocol } from '../../irr/open.js';
import { objectArgs, sessionOrExit, withServerOptions } from './fetch.js';

interface ShowArgs extends SessionArgs {
  object: string;
  json: boolean;
}

const command: CommandModule<object, ShowArgs> = {
  command: 'show <object>',
  describe: 'print a stored object with its source and fetch time (fetching it first unless --offline)',
  builder: (y) =>
    withJson(withServerOptions(withDataOptions(y))).positional('object', { type: 'string', describe: 'AS number (AS1299) or set name (AS-FOO)' }) as unknown as Argv<ShowArgs>,
  handler: async (argv) => {
    const [key] = objectArgs([argv.object]);
    const session = sessionOrExit({ ...argv, protocol: argv.protocol as Protocol });
    let failure: string | undefined;
    let notFound = false;
    try {
      // Fresh objects come from the store; stale or missing ones are fetched unless --offline.
      const r = await fetchObjects([key], { store: session.store, source: session.source, offline: argv.offline });
      failure = r.summary.failed[0]?.error;
      notFound = r.summary.notFound > 0;
    } finally {
      await session.close();
    }
    const entries = await session.store.get(key.cls, key.key);
    if (entries.length === 0) {
      if (argv.offline) throw new UserError(`${key.cls} ${key.key} is not in the store (${argv.data})`, 1, `Run without --offline, or fetch it first: asrel fetch ${key.key}`);
      if (notFound) throw new UserError(`${key.cls} ${key.key} not found on ${argv.server}${session.sources ? ` in ${session.sources.join(',')}` : ''}`, 1, 'Check the name, or try other --sources.');
      throw new UserError(`cannot show ${key.cls} ${key.key}: ${failure ?? 'not in the store'}`, 1, 'Check --server and the network, or use --offline to read only the store.');
    }
    const now = Date.now();
    if (argv.json) {
      const out = entries.map((e) => ({
        class: e.object.class,
        key: e.object.key,
        source: e.object.source ?? null,
        provenance: e.provenance,
        fresh: session.store.entryIsFresh(e, now),
        file: e.path,
        text: e.text,
      }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      const parts = entries.map((e) => {
        const p = e.provenance;
        const stale = session.store.entryIsFresh(e, now) ? '' : ` (older than --ttl ${argv.ttl} h)`;
        const how = p.kind === 'live' ? `fetched ${p.date} from ${p.from}` : `from dump ${p.from} (file dated ${p.date})`;
        return `% ${e.object.class} ${e.object.key}, source ${e.object.source ?? 'unknown'}, ${how}${stale}\n${e.text}`;
      });
      process.stdout.write(parts.join('\n'));
    }
    if (failure) process.stderr.write(`asrel: warning: could not refresh ${key.cls} ${key.key}, showing the stored copy: ${failure}\n`);
  },
};
export default command;
