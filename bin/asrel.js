#!/usr/bin/env node
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/asrel.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('asrel: dist/asrel.js is missing; run `npm ci` (or `npm run build`) in the asrel folder first.\n');
  process.exit(2);
}
await import(bundle.href);
