// Re-writing one aut-num of a tier-1 in a synthetic world's store (issue 22: ≤ 50 ms): the
// object with one of its peerings' lines changed is written and the links it changes are
// decided again (Ingest.write + finish, in-process, after the store is open), then the
// original is written back. Prints the median of several runs and how many links were decided.
import { readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import type { RpslObject } from '../../src/rpsl/types.js';
import { median } from '../stats.js';

export interface RewriteResult {
  medianMs: number;
  runs: number[];
  decided: number;
  whole: boolean;
  rules: number;
  /** Writes that took the in-place path (only changed attributes parsed and written), of 2 × runs. */
  inPlace: number;
}

/** The aut-num of `asn` as the world's file holds it. */
function objectOf(rpsl: string, asn: number): RpslObject {
  const text = readFileSync(rpsl, 'latin1');
  const start = text.search(new RegExp(`^aut-num: +AS${asn}\\n`, 'm'));
  if (start < 0) throw new Error(`AS${asn} has no aut-num in ${rpsl}`);
  const end = text.indexOf('\n\n', start);
  const o = readObjects(text.slice(start, end < 0 ? undefined : end + 1), rpsl).objects[0];
  if (!o) throw new Error(`AS${asn}: the object could not be read`);
  return o;
}

export function rewriteTier1(storeDir: string, rpsl: string, asn: number, runs = 5): RewriteResult {
  const original = objectOf(rpsl, asn);
  // One peering's import changed from a customer's routes to the full table: that link's relation may change.
  const changed = structuredClone(original);
  const at = changed.attributes.findIndex((a) => a.name === 'import' && /accept AS\d+/.test(a.value));
  if (at >= 0) {
    const a = changed.attributes[at]!;
    a.value = a.value.replace(/accept .*$/, 'accept ANY');
    a.raw = `import:         ${a.value}`;
  }
  const store = Store.open(storeDir);
  const ms: number[] = [];
  let decided = 0, whole = false, inPlace = 0;
  try {
    const write = (o: RpslObject, date: string) => {
      const ingest = new Ingest(store);
      const t0 = performance.now();
      store.transaction(() => {
        ingest.write(o, { kind: 'dump', from: 'rewrite-bench', date });
        ingest.finish();
      });
      const t = performance.now() - t0;
      inPlace += ingest.rewritten;
      return { t, links: ingest.links };
    };
    for (let i = 0; i < runs; i++) {
      const r = write(changed, `2099-01-0${1 + (i % 8)}T00:00:00Z`);
      ms.push(r.t);
      decided = r.links?.decided ?? 0;
      whole = r.links?.whole ?? false;
      write(original, `2099-02-0${1 + (i % 8)}T00:00:00Z`);
    }
  } finally {
    store.close();
  }
  return { medianMs: median(ms), runs: ms, decided, whole, rules: original.attributes.filter((a) => /import|export/.test(a.name)).length, inPlace };
}
