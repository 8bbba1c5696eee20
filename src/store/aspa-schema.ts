/**
 * The store's ASPA tables: dated snapshots of validated ASPA sets (`asrel aspa import`), one
 * row per snapshot and one per customer in it. A snapshot is written in one transaction, so
 * a damaged or truncated input, or a killed import, leaves nothing of it behind.
 */
export const ASPA_SCHEMA_SQL = `
-- date: the validator's time from the output's metadata when present, else the file's
-- modification time or the import time (date_how says which). origin: the file name or URL.
-- digest: SHA-256 of the records as stored, to tell a repeated import.
CREATE TABLE IF NOT EXISTS aspa_snapshots (
  id INTEGER PRIMARY KEY,
  date TEXT NOT NULL,
  date_how TEXT NOT NULL,
  origin TEXT NOT NULL,
  format TEXT,
  imported TEXT NOT NULL,
  records INTEGER NOT NULL,
  flagged INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  digest TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS aspa_snapshots_date ON aspa_snapshots (date);

-- One row per customer: its providers (one set for both families since profile -15),
-- ascending ASNs separated by spaces ('0' for AS0); flags: the profile flags separated by
-- spaces, NULL when none; ipv4/ipv6: the 2022–23 per-family lists when the record had them.
CREATE TABLE IF NOT EXISTS aspa_records (
  snapshot_id INTEGER NOT NULL,
  customer INTEGER NOT NULL,
  providers TEXT NOT NULL,
  flags TEXT,
  ipv4 TEXT,
  ipv6 TEXT,
  expires INTEGER,
  PRIMARY KEY (snapshot_id, customer)
) WITHOUT ROWID;
`;
