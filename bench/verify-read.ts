// One process of the verify benchmark: reads an MRT/bgpdump input, de-duplicates its paths
// per family (src/analysis/observed-paths.ts) and prints one JSON line of figures.
// Usage: node --import tsx bench/verify-read.ts FILE
import { readObservedPaths } from '../src/analysis/observed-paths.js';

const t0 = performance.now();
const c0 = process.cpuUsage();
const table = await readObservedPaths([process.argv[2]!], ['ipv4', 'ipv6']);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const routes = table.routes.ipv4 + table.routes.ipv6;
console.log(JSON.stringify({ routes, distinct: table.size, ms, routesPerSecond: routes / (ms / 1000), cpuMs, routesPerCpuSecond: routes / (cpuMs / 1000), heapMiB: process.memoryUsage().heapUsed / 2 ** 20, warnings: table.sources[0]!.warnings }));
