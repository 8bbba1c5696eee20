/**
 * The IRR sources `asrel sync` knows by name, with the endpoints their operators document.
 * Every endpoint can be overridden on the command line (`--dump URL`, `--nrtm4 URL --key KEY`,
 * `--nrtm3 HOST:PORT`), and must be for anything not listed.
 *
 * What is and is not checked here: the dump, serial and NRTMv3 endpoints are those public IRRd
 * mirror configurations use (irrd's sample settings, irrexplorer, scripts pulling every IRR);
 * the RIPE documentation page was read when this table was written, the other operators' pages
 * are cited as the place to check and were not fetched from here. Where only
 * `ftp://`, the `https://` form of the same path is listed and marked `httpsAssumed`: asrel
 * fetches over HTTP(S) only, so check it, or give `--dump`. No NRTMv4 public key is shipped:
 * a key must come from the operator (`--key`), never from a table copied around.
 * NRTMv3 access is restricted by most operators to hosts they have allowed.
 */
export interface SourceEntry {
  name: string;
  /** NRTMv4 Update Notification File URL. */
  nrtm4?: string;
  /** NRTMv3 whois host:port. */
  nrtm3?: string;
  /** Full copy for the first run and after a gap: dump files (all classes, or split per class) … */
  dump?: string[];
  /** … and the file holding the serial the dump was cut at (for NRTMv3 to continue from). */
  serial?: string;
  /** The dump URLs are the documented FTP paths spelled https:// (unchecked). */
  httpsAssumed?: boolean;
  /** Authoritative registry (an RIR, or the operator's own) rather than a third-party copy. */
  authoritative: boolean;
  /** Where the operator documents these endpoints. */
  docs: string;
}

/** The classes asrel stores; RIR split dumps are read for these only. */
const SPLIT = ['aut-num', 'as-set', 'route-set', 'filter-set', 'peering-set'];

export const SOURCES: readonly SourceEntry[] = [
  {
    name: 'RIPE',
    // docs.db.ripe.net, "RIPE Database Mirror": Near-Real-Time-Mirroring-v4 (UNF, snapshots,
    // deltas, signing key), Near-Real-Time-Mirroring-v3 (nrtm.db.ripe.net:4444, by agreement),
    // and the split dumps under ftp.ripe.net/ripe/dbase/split/ with RIPE.CURRENTSERIAL.
    // The NRTMv4 URL is the host IRRd's client special-cases (irrd/mirroring/nrtm4/nrtm4_client.py);
    // the path follows the draft's file name: check it against the RIPE page before relying on it.
    nrtm4: 'https://nrtm.db.ripe.net/nrtmv4/RIPE/update-notification-file.jose',
    nrtm3: 'nrtm.db.ripe.net:4444',
    dump: SPLIT.map((c) => `https://ftp.ripe.net/ripe/dbase/split/ripe.db.${c}.gz`),
    serial: 'https://ftp.ripe.net/ripe/dbase/RIPE.CURRENTSERIAL',
    authoritative: true,
    docs: 'https://docs.db.ripe.net/RIPE-Database-Mirror/Near-Real-Time-Mirroring-v4',
  },
  {
    name: 'RADB',
    // RADB (Merit) documents ftp://ftp.radb.net/radb/dbase/radb.db.gz with RADB.CURRENTSERIAL, and
    // NRTM from whois.radb.net:43 for hosts it has allowed (https://www.radb.net/support/tutorials,
    // "Mirroring"); IRRd's sample configuration uses the same three.
    nrtm3: 'whois.radb.net:43',
    dump: ['https://ftp.radb.net/radb/dbase/radb.db.gz'],
    serial: 'https://ftp.radb.net/radb/dbase/RADB.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: false,
    docs: 'https://www.radb.net/support/tutorials',
  },
  {
    name: 'ARIN',
    // ARIN's IRR: dump at ftp.arin.net/pub/rr/arin.db.gz, NRTM from rr.arin.net:43
    // (https://www.arin.net/resources/manage/irr/, "Mirroring ARIN's IRR").
    nrtm3: 'rr.arin.net:43',
    dump: ['https://ftp.arin.net/pub/rr/arin.db.gz'],
    serial: 'https://ftp.arin.net/pub/rr/ARIN.CURRENTSERIAL',
    authoritative: true,
    docs: 'https://www.arin.net/resources/manage/irr/',
  },
  {
    name: 'APNIC',
    // APNIC: split dumps in ftp.apnic.net/pub/apnic/whois/ with APNIC.CURRENTSERIAL; NRTM from
    // whois.apnic.net:43 by request (https://www.apnic.net/manage-ip/using-whois/bulk-access/).
    nrtm3: 'whois.apnic.net:43',
    dump: SPLIT.map((c) => `https://ftp.apnic.net/pub/apnic/whois/apnic.db.${c}.gz`),
    serial: 'https://ftp.apnic.net/pub/apnic/whois/APNIC.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: true,
    docs: 'https://www.apnic.net/manage-ip/using-whois/bulk-access/',
  },
  {
    name: 'AFRINIC',
    // AFRINIC: ftp.afrinic.net/pub/dbase/afrinic.db.gz with AFRINIC.CURRENTSERIAL; NRTM from
    // whois.afrinic.net:43 on request (https://afrinic.net/whois, "Bulk whois / mirroring").
    nrtm3: 'whois.afrinic.net:43',
    dump: ['https://ftp.afrinic.net/pub/dbase/afrinic.db.gz'],
    serial: 'https://ftp.afrinic.net/pub/dbase/AFRINIC.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: true,
    docs: 'https://afrinic.net/whois',
  },
  {
    name: 'LACNIC',
    // LACNIC's IRR: ftp.lacnic.net/lacnic/irr/lacnic.db.gz with LACNIC.CURRENTSERIAL, served over
    // HTTPS (https://www.lacnic.net/irr; the path as in public IRRd mirror configurations).
    nrtm3: 'irr.lacnic.net:43',
    dump: ['https://ftp.lacnic.net/lacnic/irr/lacnic.db.gz'],
    serial: 'https://ftp.lacnic.net/lacnic/irr/LACNIC.CURRENTSERIAL',
    authoritative: true,
    docs: 'https://www.lacnic.net/irr',
  },
  {
    name: 'ALTDB',
    // ALTDB: ftp.altdb.net/pub/altdb/altdb.db.gz with ALTDB.CURRENTSERIAL, NRTM from whois.altdb.net:43
    // (http://www.altdb.net/, "Mirroring").
    nrtm3: 'whois.altdb.net:43',
    dump: ['https://ftp.altdb.net/pub/altdb/altdb.db.gz'],
    serial: 'https://ftp.altdb.net/pub/altdb/ALTDB.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: false,
    docs: 'http://www.altdb.net/',
  },
  {
    name: 'NTTCOM',
    // NTT's IRR: rr1.ntt.net/nttcomRR/nttcom.db.gz with NTTCOM.CURRENTSERIAL, NRTM from rr.ntt.net:43
    // (https://www.gin.ntt.net/support-center/policies-procedures/routing-registry/).
    nrtm3: 'rr.ntt.net:43',
    dump: ['https://rr1.ntt.net/nttcomRR/nttcom.db.gz'],
    serial: 'https://rr1.ntt.net/nttcomRR/NTTCOM.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: false,
    docs: 'https://www.gin.ntt.net/support-center/policies-procedures/routing-registry/',
  },
  {
    name: 'LEVEL3',
    // Lumen (Level 3): rr.level3.net/pub/rr/level3.db.gz with LEVEL3.CURRENTSERIAL, NRTM from
    // rr.level3.net:43 (https://rr.level3.net/).
    nrtm3: 'rr.level3.net:43',
    dump: ['https://rr.level3.net/pub/rr/level3.db.gz'],
    serial: 'https://rr.level3.net/pub/rr/LEVEL3.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: false,
    docs: 'https://rr.level3.net/',
  },
  {
    name: 'JPIRR',
    // JPNIC's IRR: ftp.nic.ad.jp/jpirr/jpirr.db.gz with JPIRR.CURRENTSERIAL, NRTM from jpirr.nic.ad.jp:43
    // (https://www.nic.ad.jp/en/ip/irr/).
    nrtm3: 'jpirr.nic.ad.jp:43',
    dump: ['https://ftp.nic.ad.jp/jpirr/jpirr.db.gz'],
    serial: 'https://ftp.nic.ad.jp/jpirr/JPIRR.CURRENTSERIAL',
    httpsAssumed: true,
    authoritative: false,
    docs: 'https://www.nic.ad.jp/en/ip/irr/',
  },
];

/** The order in which sources win when one key is stored from several (src/store/source-order.ts). */
export { SOURCE_ORDER } from '../store/source-order.js';

export function sourceEntry(name: string): SourceEntry | undefined {
  return SOURCES.find((s) => s.name === name.toUpperCase());
}
