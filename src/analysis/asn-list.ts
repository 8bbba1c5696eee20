// The AS list of `batch --asns FILE` (or standard input).
import { readFile } from 'node:fs/promises';
import { parseAsn } from '../rpsl/keys.js';
import { isStdin } from '../rpsl/open-input.js';
import { ioReason } from '../rpsl/read.js';
import { UserError } from './errors.js';
import { reservedAsnReason } from './asn.js';

/** Reads an ASN list: one AS number per line (6939 or AS6939), `#` comments, blank lines ignored. */
export async function readAsnList(path: string): Promise<{ asns: number[]; duplicates: number }> {
  let text: string;
  try {
    text = isStdin(path) ? await readStdin() : await readFile(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read --asns ${path}: ${ioReason(e)}`, 2,
      'Give a text file with one AS number per line (# starts a comment).');
  }
  const seen = new Set<number>();
  const asns: number[] = [];
  let duplicates = 0;
  text.split('\n').forEach((raw, i) => {
    const s = raw.replace(/#.*/, '').trim();
    if (!s) return;
    const p = parseAsn(/^AS/i.test(s) ? s : `AS${s}`);
    if (!p) {
      throw new UserError(`${path}:${i + 1}: "${s.length > 40 ? s.slice(0, 40) + '…' : s}" is not an AS number`, 2,
        'One AS number per line (6939, AS6939 or asdot AS1.10); # starts a comment.');
    }
    const reserved = reservedAsnReason(p.asn);
    if (reserved) throw new UserError(`${path}:${i + 1}: ${reserved}`, 2, 'List the AS numbers of networks.');
    if (seen.has(p.asn)) duplicates++;
    else {
      seen.add(p.asn);
      asns.push(p.asn);
    }
  });
  if (asns.length < 2) throw new UserError(`--asns ${path} lists ${asns.length} AS number(s); batch needs at least two`, 2, 'List the ASes to compare, one per line.');
  return { asns, duplicates };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
