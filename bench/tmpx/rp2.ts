import { readFileSync } from 'node:fs';
import { readObjects } from '../../src/rpsl/read.js';
import { parsePolicies } from '../../src/policy/parse.js';
const text = readFileSync('/tmp/w12/one.rpsl', 'utf8');
for (let k = 0; k < 6; k++) for (const o of readObjects(text).objects) parsePolicies(o, { terms: false });
