/**
 * The options of `--relationships` and its companions; the loading itself is the
 * analysis's (src/analysis/relationships.ts).
 */
import type { Argv } from 'yargs';
import { AMBIGUOUS_POLICIES, DEFAULT_AMBIGUOUS } from '../analysis/types.js';
import { UserError } from './errors.js';

/** `--min-confidence X` (export and the analysis commands): links below X count as unknown. */
export function withMinConfidence<T>(y: Argv<T>) {
  return y.option('min-confidence', {
    type: 'string',
    describe: 'treat inferred links whose confidence (a calibrated probability: the share of such links found right on synthetic registries) is below X as unknown; the answer says how many it set aside',
    coerce: (v: unknown): number => {
      const s = String(v).trim();
      const x = Number(s);
      if (s === '' || !Number.isFinite(x) || x < 0 || x > 1) {
        throw new UserError(`--min-confidence ${JSON.stringify(s)}: give a probability between 0 and 1`, 2, 'For example --min-confidence 0.9.');
      }
      return x;
    },
  });
}

/** `--relationships`, `--relationships-afi`, `--ambiguous`, `--min-confidence`: shared by every analysis command. */
export function withRelationshipOptions<T>(y: Argv<T>) {
  return withMinConfidence(y)
    .option('relationships', {
      // Not `array: true`: an array option would swallow the positional ASes after it. Repeat it instead.
      type: 'string',
      describe: 'answer from a relationship file instead of IRR inference: CAIDA serial-1/serial-2 (a|b|-1, a|b|0) or asrel CSV; plain or .gz; '
        + 'repeat for several; ipv4:FILE / ipv6:FILE reads FILE as that family only (e.g. --relationships ipv4:v4.txt --relationships ipv6:v6.txt)',
    })
    .option('relationships-afi', {
      type: 'string',
      choices: ['ipv4', 'ipv6'],
      defaultDescription: 'ipv4, or the family an asrel export names in its header',
      describe: 'address family of CAIDA files given without ipv4:/ipv6: (they do not say; CAIDA infers from IPv4 BGP). asrel CSV rows carry their own',
    })
    .option('ambiguous', {
      type: 'string',
      choices: AMBIGUOUS_POLICIES as string[],
      default: DEFAULT_AMBIGUOUS,
      describe: 'how IRR links with an ambiguous relation (one side\'s policy fits two relations) enter the graph. '
        + 'peer: as peer links; never invents transit, but misses it where the link is transit, so a pair may be unreachable or a dark spot '
        + 'only because of such a link (dark-spots and batch say so). provider: the higher-numbered AS as the lower\'s provider; '
        + 'customer: the higher-numbered AS as the lower\'s customer (each only where that is a candidate, else peer; may invent transit). '
        + 'drop: left out',
    });
}
