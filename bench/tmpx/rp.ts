import { readFileSync } from 'node:fs';
import { readObjects } from '../../src/rpsl/read.js';
import { parsePolicies } from '../../src/policy/parse.js';
const text = readFileSync('/tmp/w12/one.rpsl', 'utf8');
const med = (f: () => void) => { for (let i = 0; i < 5; i++) f(); const ts: number[] = []; for (let i = 0; i < 15; i++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); } ts.sort((a, b) => a - b); return ts[7].toFixed(1); };
for (let k = 0; k < 3; k++) console.log('read+parse', med(() => { for (const o of readObjects(text).objects) parsePolicies(o, { terms: false }); }));
