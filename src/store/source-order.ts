/**
 * Which version of an object is used when one key is stored from several sources: the
 * authoritative registries first (the RIRs, then operators' own registries), then the
 * registries anyone may register in (RADB, ALTDB), as IRRd's `sources` setting orders them;
 * sources not listed come after, by name. Within one rank the freshest version wins, as before.
 */
export const SOURCE_ORDER: readonly string[] = ['RIPE', 'ARIN', 'APNIC', 'AFRINIC', 'LACNIC', 'JPIRR', 'NTTCOM', 'LEVEL3', 'RADB', 'ALTDB'];

/** An SQL expression ranking the `source` column by SOURCE_ORDER (the names are constants above). */
export const SOURCE_RANK_SQL = `CASE source ${SOURCE_ORDER.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE ${SOURCE_ORDER.length} END`;
