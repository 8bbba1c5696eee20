import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { printJson, printNotes, printResult, printStderr } from '../output.js';
import { withDataOptions, withJson } from '../options.js';
import { QUESTION_DEADLINE_S, storeNotes } from '../../analysis/open-data.js';
import { lookUpObject } from '../../analysis/show-object.js';
import type { Protocol } from '../../analysis/types.js';
import { objectArgs, sessionOrExit, type StoreArgs } from '../../analysis/store-session.js';
import { withServerOptions } from './fetch.js';

interface ShowArgs extends StoreArgs {
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
    const session = sessionOrExit({ ...argv, protocol: argv.protocol as Protocol, timeout: argv.timeout ?? QUESTION_DEADLINE_S });
    const readOnly = session.store.readOnly;
    let found;
    try {
      found = await lookUpObject(session, key, argv.offline);
    } finally {
      await session.close();
    }
    const { entries, failure, notFound, fromBundle } = found;
    // Said first: a missing object may be one of the writes not read.
    printNotes(storeNotes(session.store), argv.quiet === true);
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
        text: textOf(e.object),
      }));
      printJson(out);
    } else {
      const parts = entries.map((e) => {
        const p = e.provenance;
        const stale = session.store.entryIsFresh(e, now) ? '' : ` (older than --ttl ${argv.ttl} h)`;
        const how = p.kind === 'live' ? `fetched ${p.date} from ${p.from}`
          : p.kind === 'dump' ? `from dump ${p.from} (dated ${p.date})`
            : `from the bundled snapshot ${p.from} (${p.date})${p.reconstructed ? ', a RECONSTRUCTION, not registry data' : ''}`;
        return `% ${e.object.class} ${e.object.key}, source ${e.object.source ?? 'unknown'}, ${how}${stale}\n${textOf(e.object)}`;
      });
      printResult(parts.join('\n'));
    }
    // --offline asks for no fetch: its "failure" (not in the store, may not fetch) is no news.
    const liveFailure = argv.offline ? undefined : failure;
    if (readOnly && !argv.offline) printNotes([`the store (${session.store.path}) is read-only: showing what it holds without fetching`], argv.quiet === true);
    if (fromBundle) printNotes([`the store (${argv.data}) is empty: this is the bundled copy that answers quote${liveFailure ? `; the live fetch failed (${liveFailure})` : ''}`], argv.quiet === true && !liveFailure);
    else if (liveFailure) printStderr(`asrel: warning: could not refresh ${key.cls} ${key.key}, showing the stored copy: ${failure}\n`);
  },
};
export default command;

/** The object's lines as stored. */
function textOf(o: { attributes: { raw: string }[] }): string {
  return `${o.attributes.map((a) => a.raw).join('\n')}\n`;
}
