/**
 * The store's tables (SQLite). One row per stored object version (class, key, source), the
 * one analysis uses marked `active`; beside each aut-num, its policy rules as one-sided
 * claims, computed once when the object is written (src/gather/ingest.ts), and the reverse
 * index: which rules name an AS or a set, and which sets hold an AS.
 */
import { ASPA_SCHEMA_SQL } from './aspa-schema.js';
import { SYNC_SCHEMA_SQL } from './sync-schema.js';

export const SCHEMA_VERSION = 6;

/** Marks an asrel store: checked before anything else, so another SQLite file is never written to. */
export const APPLICATION_ID = 0x41535231; // "ASR1"

/**
 * The link table's indexes, by relation too: a question's cones read only the links that are
 * not down to customers. Dropped while every link is written again and built after
 * (src/store/links.ts, `rewrite`): one sort instead of 270,000 inserts into each.
 */
export const LINKS_INDEXES_SQL = `CREATE INDEX IF NOT EXISTS links_hi ON links (family, hi, relation);
CREATE INDEX IF NOT EXISTS links_lo ON links (family, lo, relation);`;

/**
 * The rules' three big indexes (by object, by owner, by named AS). A first import into an empty
 * store builds them after its last object (Store.deferRuleIndexes): sorting 860,000 rows once
 * costs less than inserting each into three trees (1.6 s of 3.7 s measured on the 47% world's
 * rules). Meta 'rule-indexes' says they are owed; the next writer to open the store builds
 * them if a load stopped before it could.
 */
export const RULES_INDEXES_SQL = `CREATE INDEX IF NOT EXISTS rules_object ON rules (object_id);
CREATE INDEX IF NOT EXISTS rules_owner ON rules (owner);
CREATE INDEX IF NOT EXISTS rules_peer ON rules (peer, owner) WHERE peer IS NOT NULL;`;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS objects (
  id INTEGER PRIMARY KEY,
  class TEXT NOT NULL,
  key TEXT NOT NULL,                -- upper case ('AS3257', 'AS-HURRICANE')
  source TEXT NOT NULL,
  asn INTEGER,                      -- aut-num only
  kind TEXT NOT NULL,               -- live | dump | bundled
  origin TEXT NOT NULL,             -- server, dump file name, snapshot id
  date TEXT NOT NULL,               -- fetch time, dump date, snapshot date
  reconstructed INTEGER NOT NULL DEFAULT 0,
  first_line INTEGER NOT NULL,      -- line of the object's first attribute in its input
  text TEXT NOT NULL,               -- the object's lines as received
  active INTEGER NOT NULL DEFAULT 0,
  UNIQUE (class, key, source)
);
CREATE INDEX IF NOT EXISTS objects_active_key ON objects (class, key) WHERE active = 1;
CREATE INDEX IF NOT EXISTS objects_active_asn ON objects (asn) WHERE active = 1 AND asn IS NOT NULL;
-- An aut-num's id and provenance without its row: a row holds the object's text, so reading
-- thousands of them (a tier-1's neighbours, every aut-num's data lines) visits a page each
-- (23 ms for 4,500 neighbours, 7 ms from this index). Version 6 added it.
CREATE INDEX IF NOT EXISTS objects_refs ON objects (class, asn, key, source, kind, origin, date, reconstructed) WHERE active = 1 AND asn IS NOT NULL;

-- Claims, members and member-of rows exist for the active version of each key only, so
-- analysis reads them without joining objects.
-- One row per policy term and family (family 4 or 6), or per attribute that could not be
-- parsed (family 0). direction: 0 import, 1 export, 2 default. class: 0 NONE, 1 RESTRICTED,
-- 2 DEFAULT, 3 FULL. peer: the neighbour when the peering is exactly one AS; peerings: the
-- peering expressions otherwise (JSON, src/store/peering-codec.ts).
CREATE TABLE IF NOT EXISTS rules (
  id INTEGER PRIMARY KEY,
  object_id INTEGER NOT NULL,
  owner INTEGER NOT NULL,
  attr_index INTEGER NOT NULL,
  term_index INTEGER NOT NULL,
  family INTEGER NOT NULL,
  direction INTEGER NOT NULL,
  attribute TEXT NOT NULL,
  line INTEGER NOT NULL,
  peer INTEGER,
  peerings TEXT,
  class INTEGER NOT NULL,
  is_any INTEGER NOT NULL DEFAULT 0, -- the peering covers AS-ANY (possibly minus some ASes)
  class_by TEXT,                    -- JSON {asn: class} where the class depends on the neighbour
  notes TEXT                        -- JSON string[]: assumptions made when classifying
);
-- rules_peer (peer, owner): one owner's claims naming one AS, when both are tier-1s.
-- rules_other: the rules naming sets or expressions, and unparsed ones. Version 5 added the
-- owner column and rules_other (v4 and v3 are upgraded in place). Lines are not indexed: an
-- object written over in place moves the lines of its rules (src/infer/rewrite-plan.ts), and
-- an index on them costs more to move (35 ms for a tier-1's 28,000 rules, 12 ms without) than
-- finding them by object costs (4 ms).
${RULES_INDEXES_SQL}
CREATE INDEX IF NOT EXISTS rules_other ON rules (owner) WHERE peerings IS NOT NULL OR family = 0;
CREATE INDEX IF NOT EXISTS rules_any ON rules (owner) WHERE is_any = 1;
CREATE INDEX IF NOT EXISTS rules_unparsed ON rules (owner) WHERE family = 0;

-- Reverse index. kind 0: the rule's peering names this AS ('AS174') or set; kind 1: the
-- rule's filter depends on this filter-set or route-set (reclassified when it changes).
CREATE TABLE IF NOT EXISTS mentions (name TEXT NOT NULL, rule_id INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_name ON mentions (name, kind);
CREATE INDEX IF NOT EXISTS mentions_rule ON mentions (rule_id);

-- Set membership (as-set and peering-set members, upper case), both ways.
CREATE TABLE IF NOT EXISTS members (set_name TEXT NOT NULL, member TEXT NOT NULL, object_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS members_member ON members (member);
CREATE INDEX IF NOT EXISTS members_object ON members (object_id);

-- aut-num member-of: (set, asn, mnt-by list) for mbrs-by-ref.
CREATE TABLE IF NOT EXISTS member_of (set_name TEXT NOT NULL, asn INTEGER NOT NULL, mnt_by TEXT NOT NULL, object_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS member_of_set ON member_of (set_name);
CREATE INDEX IF NOT EXISTS member_of_object ON member_of (object_id);

-- Links kept decided (src/infer/link-upkeep.ts): one row per AS pair (lo < hi) and family
-- (4 or 6) that either side's claims name, with what both sides' lines decide, read from lo's
-- side, before the registry's disagreement level (src/infer/combine.ts, LineDecision).
-- relation: 1 p2c, 2 c2p, 3 p2p, 4 s2s, 5 ambiguous, 6 conflict, 7 p2p by the lines where a
-- set's view (first: the set's owner) may make it transit when read; candidates: a mask (1 p2c,
-- 2 c2p, 4 p2p, 8 s2s); confidence only for conflicts; missing: 1 lo, 2 hi has no aut-num;
-- evidence: the link's evidence lines; sides: 1 lo's, 2 hi's lines are among them.
-- meta 'links' says whether the table agrees with the claims ('fresh:2') or not ('stale:…', or an older asrel's 'fresh').
CREATE TABLE IF NOT EXISTS links (
  family INTEGER NOT NULL,
  lo INTEGER NOT NULL,
  hi INTEGER NOT NULL,
  relation INTEGER NOT NULL,
  candidates INTEGER NOT NULL,
  kind TEXT NOT NULL,
  first INTEGER,
  confidence REAL,
  missing INTEGER NOT NULL,
  evidence INTEGER NOT NULL,
  sides INTEGER NOT NULL,
  PRIMARY KEY (family, lo, hi)
) WITHOUT ROWID;
${LINKS_INDEXES_SQL}
-- How many rows of links each AS has per family, and how many of them are to its providers
-- and to its customers, kept with them (src/store/links.ts): a link's confidence compares its
-- two ASes' counts, and a question that reads no customer links still knows who sells transit.
CREATE TABLE IF NOT EXISTS link_counts (
  family INTEGER NOT NULL,
  asn INTEGER NOT NULL,
  n INTEGER NOT NULL,
  providers INTEGER NOT NULL,
  customers INTEGER NOT NULL,
  PRIMARY KEY (family, asn)
) WITHOUT ROWID;
${ASPA_SCHEMA_SQL}${SYNC_SCHEMA_SQL}`;
