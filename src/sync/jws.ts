/**
 * JWS Compact Serialization (RFC 7515) verification for NRTMv4 Update Notification Files,
 * with node:crypto only. Accepted algorithms: ES256 (ECDSA P-256 with SHA-256; IRRd signs
 * with it) and EdDSA (Ed25519). `none`, HMAC and anything else are refused, as is a key of
 * the wrong type for the header's algorithm (no algorithm confusion).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { SyncError } from './errors.js';

function b64url(s: string, what: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new SyncError('refuse', `the notification file's ${what} is not base64url`);
  return Buffer.from(s, 'base64url');
}

/**
 * A public key from `--key`: PEM text, a file holding PEM, or the base64 of a DER
 * SubjectPublicKeyInfo (one line, as operators often publish it).
 */
export function publicKey(spec: string): KeyObject {
  let text = spec.trim();
  if (!text.includes('-----BEGIN') && statSync(text, { throwIfNoEntry: false })?.isFile()) {
    try {
      text = readFileSync(text, 'utf8').trim();
    } catch (e) {
      throw new SyncError('refuse', `--key ${spec}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  } else if (!text.includes('-----BEGIN') && !/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    throw new SyncError('refuse', `--key ${spec.slice(0, 80)}: neither a PEM public key, nor base64 DER, nor a file`);
  }
  try {
    if (text.includes('-----BEGIN')) return createPublicKey({ key: text, format: 'pem' });
    return createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
  } catch (e) {
    throw new SyncError('refuse', `the public key given is not an Ed25519 or P-256 public key (${(e as Error).message})`);
  }
}

/** The verified payload of a compact JWS; a SyncError `refuse` when anything is wrong. */
export function verifyCompactJws(jws: string, key: KeyObject): Buffer {
  const parts = jws.trim().split('.');
  if (parts.length !== 3) throw new SyncError('refuse', `the notification file is not a signed JWS (compact form has 3 parts, this has ${parts.length})`);
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: unknown; crit?: unknown; b64?: unknown };
  try {
    header = JSON.parse(b64url(h, 'header').toString('utf8')) as typeof header;
  } catch (e) {
    if (e instanceof SyncError) throw e;
    throw new SyncError('refuse', 'the notification file\'s JWS header is not JSON');
  }
  if (header.crit !== undefined || header.b64 !== undefined) throw new SyncError('refuse', 'the notification file\'s JWS header has critical extensions asrel does not implement');
  const alg = header.alg;
  const type = key.asymmetricKeyType;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const signed = Buffer.from(`${h}.${p}`, 'ascii');
  const sig = b64url(s, 'signature');
  let ok: boolean;
  if (alg === 'ES256') {
    if (type !== 'ec' || curve !== 'prime256v1') throw new SyncError('refuse', `the notification file is signed with ES256 but the key is ${type}${curve ? ` ${curve}` : ''}, not P-256`);
    ok = sig.length === 64 && verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, sig);
  } else if (alg === 'EdDSA' || alg === 'Ed25519') {
    if (type !== 'ed25519') throw new SyncError('refuse', `the notification file is signed with ${alg} but the key is ${type}, not Ed25519`);
    ok = sig.length === 64 && verify(null, signed, key, sig);
  } else {
    throw new SyncError('refuse', `the notification file is signed with algorithm ${JSON.stringify(alg)}; asrel accepts ES256 and EdDSA (Ed25519) only`);
  }
  if (!ok) throw new SyncError('refuse', 'the notification file\'s signature does not verify with the key');
  return b64url(p, 'payload');
}
