/**
 * Validated ASPA records as validators print them (draft-ietf-sidrops-aspa-profile): one
 * customer AS and the set of its transit providers, for both address families together since
 * profile -15. AS0 as the only provider means "I have no providers".
 */
export type AspaFormat = 'rpki-client-json' | 'rpki-client-json-afi' | 'routinator-json' | 'routinator-jsonext' | 'openbgpd' | 'bird';

/** Ways a record breaks the profile: kept and flagged, never fatal. */
export type ProfileFlag = 'as0-mixed' | 'customer-in-set' | 'duplicate-provider' | 'private-or-reserved' | 'merged' | 'per-family';

export interface AspaRecord {
  customer: number;
  /** Providers, ascending and de-duplicated; [0] is AS0 ("no providers"). */
  providers: number[];
  /** The 2022–23 rpki-client shape: providers per family (`providers` is then their union). */
  perFamily?: { ipv4: number[]; ipv6: number[] };
  expires?: number;
  /** Trust anchor(s), when the format names them. */
  ta?: string;
  flags: ProfileFlag[];
  format: AspaFormat;
}

/** RFC 6996/7300/5398/6793/7607 ranges that no ASPA should name (AS0 has its own meaning). */
export function isPrivateOrReserved(asn: number): boolean {
  return asn === 23456 || (asn >= 64496 && asn <= 131071) || (asn >= 4200000000) || asn === 65535;
}
