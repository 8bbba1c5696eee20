/**
 * The examples at the end of each command's `--help`: real command lines that run as
 * written from the repository folder (the bundled data, files in data/ and test/fixtures/),
 * `offline` when they need no network. test/cli/help.test.ts runs every offline example that
 * writes no file, so none of them goes stale.
 */
export interface Example {
  /** The command line after `asrel `. */
  line: string;
  what: string;
  /** Runs with no network and ends by itself (the test suite runs it); `serve` runs until stopped. */
  offline: boolean;
}

const HE = 'data/reconstructed/he-cogent-telia-2013.rpsl';
const AS3255 = 'data/real/AS3255.ripe.irrd-sample-2018.rpsl';
const AS3257 = 'data/real/AS3257.ripe.2023-07-21.rpsl';
const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const ASPA_REAL = 'test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json';

export const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  'why-unreachable': [
    { line: 'why-unreachable 6939 174 --afi ipv6 --offline', what: 'the headline: why HE and Cogent cannot reach each other in IPv6 (bundled data)', offline: true },
    { line: 'why-unreachable 6939 174 --afi ipv6', what: 'the same from live RADB data, kept in the store', offline: false },
    { line: `why-unreachable 64712 62396 --afi ipv6 --input ${DN42} --json`, what: 'a DN42 pair from a registry file, as JSON', offline: true },
    { line: `why-unreachable 6939 174 --afi ipv6 --offline --aspa ${ASPA_REAL}`, what: "the headline with each hop's ASPA status (real records of 2026-10-06: AS174 publishes AS0)", offline: true },
  ],
  path: [
    { line: 'path 6939 174 --afi ipv4 --offline', what: 'the valley-free IPv4 path hop by hop, with the registry lines', offline: true },
    { line: `path 3255 174 --input ${AS3255} --json`, what: 'from a local RPSL file, as JSON', offline: true },
  ],
  report: [
    { line: 'report 6939 174 --afi ipv6 --offline --out he-cogent.html', what: 'one HTML page with the answer, the drawing and every registry line', offline: true },
    { line: 'report 6939 174 --afi ipv6 --ixp peeringdb --out he-cogent.html', what: 'with the exchanges where the two could peer (PeeringDB)', offline: false },
  ],
  reach: [
    { line: 'reach 3257 --offline --top 5', what: 'what AS3257 reaches in each family, and the 5 largest reached in one only', offline: true },
    { line: `reach 4242423182 --input ${DN42} --json`, what: 'a DN42 network, as JSON', offline: true },
  ],
  rel: [
    { line: 'rel 1299 6939 --offline', what: "is AS1299 AS6939's provider, peer, … in IPv4 and IPv6?", offline: true },
    { line: `rel 3255 174 --input ${AS3255} --json`, what: 'from a local RPSL file, as JSON', offline: true },
  ],
  neighbors: [
    { line: 'neighbors 3255 --offline', what: 'providers, peers and customers of AS3255 in IPv4 and IPv6', offline: true },
    { line: 'neighbors 3257 --afi ipv6 --offline --json', what: "AS3257's IPv6 neighbours as JSON", offline: true },
  ],
  batch: [
    { line: 'batch --asns test/fixtures/batch-asns.txt --offline', what: 'every ordered pair of a list of ASes, as CSV', offline: true },
    { line: `batch --asns test/fixtures/batch-asns.txt --input ${DN42} --json`, what: 'the same over another registry, as JSON', offline: true },
  ],
  'dark-spots': [
    { line: 'dark-spots --offline --top 5', what: 'the 5 largest pairs that reach each other in one family only', offline: true },
    { line: `dark-spots --input ${DN42} --afi ipv6`, what: 'IPv6 dark spots of the DN42 registry', offline: true },
  ],
  export: [
    { line: 'export --offline --afi ipv6', what: 'every inferred IPv6 link as CSV', offline: true },
    { line: `export --input ${AS3257} --format caida --out as3257`, what: 'CAIDA serial-1 files, one per family (as3257.ipv4.as-rel.txt, …)', offline: true },
  ],
  compare: [
    { line: `compare --relationships test/fixtures/infer/caida-20150201-AS3255.as-rel.txt --input ${AS3255}`, what: "AS3255's inferred links against CAIDA's 2015 file (IPv4)", offline: true },
    { line: 'compare --relationships ipv4:v4.as-rel.txt --relationships ipv6:v6.as-rel.txt', what: 'both families, one ground-truth file each', offline: false },
  ],
  verify: [
    { line: 'verify test/fixtures/mrt/rrc15-2010.02-updates.20100227.1600.gz --offline', what: 'real RIS updates (rrc15, 2010) held against the bundled IRR data', offline: true },
    { line: 'verify test/fixtures/mrt/rrc15-2010.02-updates.20100227.1600.gz --relationships test/fixtures/caida-20150201-excerpt.as-rel.txt --json', what: 'against a CAIDA relationship file, as JSON', offline: true },
    { line: 'verify https://data.ris.ripe.net/rrc00/latest-bview.gz --afi ipv6', what: 'a full RIS table by URL, IPv6 paths only', offline: false },
  ],
  aspa: [
    { line: 'aspa draft 6939 --offline', what: 'the ASPA provider set the IRR supports for AS6939 (both families)', offline: true },
    { line: 'aspa compare --aspa test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json --offline', what: 'published ASPAs against the IRR relations', offline: true },
    { line: 'aspa check test/fixtures/mrt/rrc15-2010.02-updates.20100227.1600.gz --aspa test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json --format csv', what: 'ASPA verification of observed paths, one CSV row per path and family', offline: true },
    { line: `aspa import ${ASPA_REAL} --data /tmp/asrel-aspa`, what: 'keep a dated snapshot of validated ASPAs in a store (then `aspa import --list`; the ASPA commands use the newest when --aspa is not given)', offline: true },
  ],
  serve: [
    { line: 'serve --offline', what: 'the web page and JSON API on http://127.0.0.1:8080 over the store or the bundled data', offline: false },
    { line: `serve --input ${DN42} --port 8081`, what: 'over a registry file', offline: false },
    { line: 'serve --live --ixp peeringdb', what: 'fetching what each question needs from RADB, with exchanges from PeeringDB', offline: false },
  ],
  check: [
    { line: 'check', what: "SQLite's quick check of the store: ok, or what is damaged and what to do", offline: false },
    { line: 'check --data /tmp/asrel-dn42 --json', what: 'another store folder, as JSON', offline: false },
  ],
  diff: [
    { line: `diff --old ${HE} --new ${AS3255} --no-dark-spots`, what: 'links added, removed and changed between two files', offline: true },
    { line: 'diff --old radb-2026-01-01.db.gz --format csv --out changes.csv', what: 'a dated dump against the store, as CSV', offline: false },
    { line: 'diff --aspa test/fixtures/aspa/rpki-client-json.rpkiviews.2026-09-16.first5.jsonl test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json', what: 'ASPA changes between two validator outputs (here two small excerpts of real ones); `diff --aspa` alone: the two newest snapshots in the store', offline: true },
  ],
  fetch: [
    { line: 'fetch AS6939 AS174 --depth 1', what: 'two aut-nums and their neighbours from RADB into the store', offline: false },
    { line: 'fetch AS-HURRICANE --server whois.ripe.net', what: 'a set from the RIPE database', offline: false },
  ],
  import: [
    { line: `import ${DN42} --date 2023-10-22 --data /tmp/asrel-dn42`, what: 'a registry file into a store of its own, dated for citation', offline: true },
    { line: 'import https://ftp.ripe.net/ripe/dbase/split/ripe.db.aut-num.gz', what: "stream RIPE's aut-num dump into the store", offline: false },
  ],
  sync: [
    { line: 'sync --status --data /tmp/asrel-mirror', what: 'each synced source with its serial, last update, object counts and age', offline: true },
    { line: 'sync RIPE --key ripe-nrtmv4.pem', what: "RIPE over NRTMv4 (snapshot, then deltas), checked against RIPE's published key", offline: false },
    { line: 'sync RADB --watch 10', what: 'RADB: its dump, then NRTMv3 changes every 10 minutes until Ctrl-C', offline: false },
  ],
  show: [
    { line: 'show AS3255 --offline', what: 'the stored or bundled object, with where and when it came from', offline: true },
    { line: 'show AS-HURRICANE', what: 'fetched from RADB first', offline: false },
  ],
  parse: [
    { line: `parse ${AS3257}`, what: 'each policy attribute in canonical form, with its address families', offline: true },
    { line: `parse --stats --json ${DN42}`, what: 'one JSON document: counts and every diagnostic', offline: true },
  ],
};
