import { runWorld } from './bench/synth/calibration.js';
import { readFileSync } from 'node:fs';
const links = runWorld(1, 0.05, 0.5, '/tmp/asrel-synth-worlds');
const by = new Map<string, number[]>();
for (const l of links) { const k = `${l.family} ${l.kind} ${l.relation}`; const v = by.get(k) ?? [0, 0]; v[0]++; if (l.right) v[1]++; by.set(k, v); }
for (const [k, v] of [...by].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40)) console.log(k, v[0], (v[1] / v[0]).toFixed(4));
const w = links.filter((l) => l.kind === 'pp:SS' && !l.right);
const m = new Map<string, number>(); for (const l of w) m.set(l.real + ' ' + l.family, (m.get(l.real + ' ' + l.family) ?? 0) + 1);
console.log(m);
