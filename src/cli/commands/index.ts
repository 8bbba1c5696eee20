/**
 * The command catalog: each command's yargs name, aliases and one-line description, and a
 * loader that imports its module. Nothing here imports a command module statically: the
 * CLI loads only the module of the command that runs (`asrel --help` and `--version` load
 * none, nor yargs), so start-up does not pay for every command's dependencies.
 *
 * Keep `command`, `aliases` and `describe` equal to the module's own (test/cli/parse.test.ts
 * checks it); the order is the order of `asrel --help`.
 */
import type { CommandModule } from 'yargs';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any, any>;

export interface CommandEntry {
  command: string;
  aliases?: string[];
  describe: string;
  load: () => Promise<{ default: AnyCommand }>;
}

export const catalog: CommandEntry[] = [
  {
    command: 'why-unreachable <a> <b>',
    describe: 'why AS A cannot reach AS B in one address family (valley-free, Gao–Rexford): cones, missing links, fixes, the other family',
    load: () => import('./why-unreachable.js'),
  },
  {
    command: 'path <a> <b>',
    describe: 'the shortest valley-free path from AS A to AS B in one address family, hop by hop with each relationship and its evidence',
    load: () => import('./path.js'),
  },
  {
    command: 'report <a> <b>',
    describe: 'one self-contained HTML page (opens from disk, prints well) answering whether AS A reaches AS B in one family: the answer, the drawing, the other family, the fixes and every registry line used',
    load: () => import('./report.js'),
  },
  {
    command: 'reach <asn>',
    describe: 'which ASes one AS reaches valley-free in each family, and those it reaches in one family only',
    load: () => import('./reach.js'),
  },
  {
    command: 'rel <a> <b>',
    describe: 'the relationship of two ASes in each address family, with the registry lines from both sides',
    load: () => import('./rel.js'),
  },
  {
    command: 'neighbors <asn>',
    aliases: ['neighbours'],
    describe: 'every neighbour of an AS with its relationship per address family and the number of registry lines behind it',
    load: () => import('./neighbors.js'),
  },
  {
    command: 'batch',
    describe: 'every ordered pair among a list of ASes: reachable per family, path length, path and a dark-spot flag, as CSV',
    load: () => import('./batch.js'),
  },
  {
    command: 'dark-spots',
    describe: 'pairs of transit-free ASes that cannot reach each other in one family but can in the other, largest cones first',
    load: () => import('./dark-spots.js'),
  },
  {
    command: 'serve',
    describe: 'a local web page and JSON API over the same analysis: questions, drawings, dark spots and an explorer of the graph',
    load: () => import('./serve.js'),
  },
  {
    command: 'export',
    describe: 'every inferred relationship in the data, for research: CSV, CAIDA serial-1 or JSON',
    load: () => import('./export.js'),
  },
  {
    command: 'compare',
    describe: 'agreement of the inferred relationships with a ground-truth file (CAIDA serial-1/2 or asrel CSV): confusion matrix and one-sided links',
    load: () => import('./compare.js'),
  },
  {
    command: 'verify <paths..>',
    describe: 'hold observed BGP paths (MRT files or `bgpdump -m` text) against the inferred relations per family: valley-free share, first breaking hops, links the IRR does not document, relations and dark spots BGP contradicts',
    load: () => import('./verify.js'),
  },
  {
    command: 'aspa <command>',
    describe: 'RPKI ASPA against the IRR per family: compare published ASPAs, draft one from the IRR, check observed paths, keep dated snapshots',
    load: () => import('./aspa.js'),
  },
  {
    command: 'diff',
    describe: 'what changed between two registries (store folders or RPSL files/dumps): links added, removed and changed, and dark spots that appeared or disappeared, per family',
    load: () => import('./diff.js'),
  },
  {
    command: 'fetch <objects..>',
    describe: 'fetch aut-nums and sets from the IRR into the store, optionally crawling neighbours',
    load: () => import('./fetch.js'),
  },
  {
    command: 'import <files..>',
    describe: 'import IRR dumps into the store: files or http(s) URLs (radb.db.gz, ripe.db.aut-num.gz, …; plain or gzip, - = stdin)',
    load: () => import('./import.js'),
  },
  {
    command: 'sync [sources..]',
    describe: 'keep the store a mirror of IRR sources: a full copy first (NRTMv4 snapshot or dump), then only the changes (NRTMv4 deltas or NRTMv3)',
    load: () => import('./sync.js'),
  },
  {
    command: 'show <object>',
    describe: 'print a stored object with its source and fetch time (fetching it first unless --offline)',
    load: () => import('./show.js'),
  },
  {
    command: 'check',
    describe: 'check the store for damage (SQLite quick_check): ok, or what is wrong and what to do',
    load: () => import('./check.js'),
  },
  {
    command: 'parse [files..]',
    describe: 'parse the routing-policy attributes of RPSL objects and report ASTs and diagnostics',
    load: () => import('./parse.js'),
  },
];

/** The command's name: the first word of its yargs `command` string. */
export function commandName(e: { command: string }): string {
  return e.command.split(' ')[0];
}

/** The catalog entry named by `word` (a name or an alias), if any. */
export function findCommand(word: string): CommandEntry | undefined {
  return catalog.find((e) => commandName(e) === word || e.aliases?.includes(word));
}

/** Loads every command module (tests; the CLI never does this). */
export async function loadAll(): Promise<AnyCommand[]> {
  return Promise.all(catalog.map(async (e) => (await e.load()).default));
}
