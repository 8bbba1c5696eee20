/**
 * `asrel sync` state: one row per mirrored source, written in the same transaction as the
 * objects each batch brought, so the serial recorded is always the serial of what is
 * stored (a killed process leaves the previous batch and its serial, never half a batch).
 * Appended to SCHEMA_SQL for new stores; sync creates it in older ones (IF NOT EXISTS).
 */
export const SYNC_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS sync_state (
  source TEXT PRIMARY KEY,          -- upper case ('RIPE', 'RADB')
  protocol TEXT NOT NULL,           -- nrtm4 | nrtm3 | dump
  endpoint TEXT NOT NULL,           -- UNF URL, whois host:port, or dump URL
  target TEXT,                      -- JSON: every endpoint it was synced from (nrtm4, nrtm3, dump, serial), to sync it again by name
  session_id TEXT,                  -- NRTMv4 session; NULL otherwise
  serial INTEGER,                   -- NRTMv4 version or NRTMv3 serial of the last batch applied
  updated TEXT NOT NULL,            -- ISO time the last batch was applied
  checked TEXT NOT NULL,            -- ISO time the source was last asked for changes
  loaded TEXT NOT NULL,             -- ISO time of the last full load (snapshot or dump)
  objects INTEGER NOT NULL DEFAULT 0, -- objects of this source in the store after the last batch
  aut_nums INTEGER NOT NULL DEFAULT 0,
  note TEXT,                        -- why the last full load happened, or the last problem
  key TEXT,                         -- NRTMv4: the public key (PEM) the last notification file verified with
  next_key TEXT                     -- NRTMv4: the next_signing_key it announced, tried when the key fails
);
`;
