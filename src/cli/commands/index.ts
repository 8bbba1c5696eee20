import type { CommandModule } from 'yargs';
import parse from './parse.js';
import fetch from './fetch.js';
import importCmd from './import.js';
import show from './show.js';
import rel from './rel.js';
import neighbors from './neighbors.js';
import exportCmd from './export.js';
import compare from './compare.js';
import whyUnreachable from './why-unreachable.js';
import path from './path.js';
import batch from './batch.js';
import darkSpots from './dark-spots.js';
import reach from './reach.js';
import report from './report.js';
import diff from './diff.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  whyUnreachable, path, report, reach, rel, neighbors, batch, darkSpots, exportCmd, compare, diff, fetch, importCmd, show, parse,
];
