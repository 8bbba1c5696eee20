/**
 * asrel as a library: the stages the CLI runs, as typed functions, in data-flow order.
 * See README.md, "Library".
 */

// Stage 1 — RPSL objects (files, dumps, whois answers).
export { readObjects, streamObjects, InputError, type ReadResult } from './rpsl/read.js';
export { parseAsn, normaliseKey, MAX_ASN } from './rpsl/keys.js';

// Stage 2 — routing policy: syntax tree, per-family terms, diagnostics.
export { parsePolicy, parsePolicies } from './policy/parse.js';
export { resolveTerms, familiesOf } from './policy/afi.js';
export { referencedPeers } from './policy/peers.js';
export { printPolicy } from '../grammar/print.js';

// Stage 3 — where objects come from: the store (SQLite, with claims and the reverse index),
// in-memory index, IRR servers, dumps, bundled data.
export { Store, StoreError } from './store/store.js';
export { MemoryIndex } from './store/memory-index.js';
export { fetchObjects } from './gather/fetcher.js';
export { crawl } from './gather/crawl.js';
export { importDump } from './gather/import-dump.js';
export { loadBundled, listSnapshots, type Snapshot } from './store/bundled.js';
export { dataLines, storeDataLines } from './analysis/data-lines.js';
export { openData, storeFromFiles, bundledStore, PREBUILT_BUNDLE, DEFAULT_BUNDLE, type DataArgs, type OpenedData } from './analysis/open-data.js';
export { irrTopologies, coneInferences } from './analysis/topologies.js';
export { openObjectSource, type ObjectSource } from './irr/open.js';
export { IrrdClient } from './irr/irrd-client.js';
export { RipeClient } from './irr/ripe-client.js';
export { IrrError, QueryInputError } from './irr/errors.js';
export { gather, type Gathered, type GatherOptions } from './gather/gather.js';

// Stage 4 — relationship inference per address family, with evidence.
export { inferAll, iterateInferences, inferPair, neighborsOf, storeOf, engineFor, type InferOptions, type InferenceData } from './infer/infer.js';
export { InferenceEngine } from './infer/engine.js';
export { Ingest } from './infer/ingest.js';
export { classifyFilter } from './infer/filter-class.js';

// Stage 5 — graphs and valley-free search.
export { readRelationshipFile, loadRelationshipFile } from './graph/relationship-file.js';
export { edgesFromInferences, buildGraph, DEFAULT_AMBIGUOUS } from './graph/build.js';
export { Topology } from './graph/topology.js';
export { shortestPath, reachableFrom, uphillCone, customerCone, coneTops, isTransitFree } from './graph/valley-free.js';

// Stage 6 — explanations and reports.
export { explainReachability } from './explain/explain.js';
export { findDarkSpots } from './explain/dark-spots.js';
export { renderExplanation } from './report/reachability-text.js';
export { explanationJson } from './report/reachability-json.js';

// Stage 7 — where two networks could peer: IXP presence (CAIDA IXP dataset, PeeringDB).
export { loadIxp, type IxpLoadContext, type IxpLoaded } from './ixp/load.js';
export { readCaida } from './ixp/caida.js';
export { presenceFromPeeringDb, parsePeeringDbPage } from './ixp/peeringdb.js';
export { peeringDbPresence, PEERINGDB_URL, type PeeringDbOptions } from './ixp/peeringdb-client.js';
export { commonIxps, sharedIxpCount } from './ixp/common.js';
export { annotateFixes, ixpAsnsOf, ixpNotes } from './ixp/annotate.js';
export { IxpError, mergePresence, type IxpPresence, type IxpDataset, type IxpExchange, type CommonIxp } from './ixp/types.js';

export type * from './rpsl/types.js';
export type * from '../grammar/ast.js';
export type * from './policy/types.js';
export type * from './store/types.js';
export type * from './infer/types.js';
export type * from './graph/types.js';
export type * from './explain/types.js';
