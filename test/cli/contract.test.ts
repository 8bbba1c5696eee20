// Issue 19, point 5: one command-line contract for every command.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const usage = (args: string[], message: RegExp) => {
  const r = asrel(args);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
  expect(r.stdout).toBe('');
};

describe('one contract for every command', () => {
  it('an option with no value is a mistake, not its default', () => {
    usage(['rel', '1299', '6939', '--offline', '--afi'], /--afi needs a value/);
    usage(['report', '6939', '174', '--offline', '--out', ''], /--out needs a value/);
    usage(['export', '--offline', '--out='], /--out needs a value/);
  });

  it('two output formats at once are a mistake', () => {
    usage(['export', '--offline', '--format', 'csv', '--json'], /--json and --format csv ask for two formats/);
    usage(['diff', '--old', HE, '--new', HE, '--format', 'csv', '--json'], /--json and --format csv ask for two formats/);
  });

  it('numeric options are checked', () => {
    usage(['fetch', 'AS1', '--offline', '--max-objects', '-5'], /--max-objects must be a whole number, 1 or more \(got -5\)/);
    usage(['fetch', 'AS1', '--offline', '--max-objects', 'abc'], /--max-objects must be a whole number, 1 or more \(got something else\)/);
  });

  it('AS0 and AS23456 are refused with the reason', () => {
    usage(['rel', '0', '174', '--offline'], /AS0 is reserved and never names a network \(RFC 7607\)/);
    usage(['why-unreachable', '6939', 'AS23456', '--offline'], /AS23456 is AS_TRANS.*\(RFC 6793\)/);
  });

  it('an unknown command lists the commands; a near miss is named', () => {
    const r = asrel(['foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('asrel: "foo" is not an asrel command\n');
    expect(r.stderr).toMatch(/Commands: why-unreachable, path, .*parse/);
    expect(r.stderr).not.toContain('Did you mean show');
    expect(asrel(['why-unreachble', '1', '2']).stderr).toContain('did you mean why-unreachable?');
  });

  it('diff takes -q, --offline and --data like the other commands', () => {
    const r = asrel(['diff', '--old', HE, '--new', HE, '-q', '--offline']);
    // A relationship CSV is no RPSL: the point here is that -q and --offline are known options.
    expect(r.stderr).not.toMatch(/Unknown argument/);
    const dir = mkdtempSync(join(tmpdir(), 'asrel-diff-'));
    expect(asrel(['import', 'data/reconstructed/he-cogent-telia-2013.rpsl', '--data', dir, '-q']).code).toBe(0);
    const d = asrel(['diff', '--old', 'data/reconstructed/he-cogent-telia-2013.rpsl', '--data', dir, '-q', '--no-dark-spots']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toBe('');
    expect(d.stdout).toContain('0 added, 0 removed, 0 changed');
  });

  it('-q silences the summaries of show, export and report; the answer stays on stdout', () => {
    const e = asrel(['export', '--offline', '-q']);
    expect(e.code).toBe(0);
    expect(e.stderr).toBe('');
    expect(e.stdout.split('\n')[0]).toMatch(/^#|^a,b,afi/);
    const show = asrel(['show', 'AS3255', '--offline', '-q']);
    expect(show.code).toBe(0);
    expect(show.stderr).toBe('');
    expect(show.stdout).toMatch(/^% aut-num AS3255/);
    // Without -q, the note says where the copy comes from, and --offline is no failed fetch.
    expect(asrel(['show', 'AS3255', '--offline']).stderr).toBe(`note: the store (/nonexistent-asrel-test-cache/asrel) is empty: this is the bundled copy that answers quote\n`);
    const dir = mkdtempSync(join(tmpdir(), 'asrel-report-'));
    const out = join(dir, 'r.html');
    const r = asrel(['report', '6939', '174', '--afi', 'ipv6', '--offline', '-q', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('<!DOCTYPE html>');
  });

  it('the same data gives the same link counts in every command; a question says its count is of its cones', () => {
    const counts = (text: string) => /\(all the data\): ([\d,]+) ipv4, ([\d,]+) ipv6 links/.exec(text)?.slice(1);
    const reach = counts(asrel(['reach', '6939', '--offline']).stderr);
    const dark = counts(asrel(['dark-spots', '--offline']).stderr);
    const exp = /links: ([\d,]+) ipv4, ([\d,]+) ipv6 \(/.exec(asrel(['export', '--offline']).stderr)?.slice(1);
    expect(reach).toBeDefined();
    expect(dark).toEqual(reach);
    expect(exp).toEqual(reach);
    const batch = asrel(['batch', '--asns', '-', '--offline'], { input: '6939\n174\n3255\n' });
    expect(batch.stderr).toMatch(/relationships inferred from IRR policies around AS6939, AS174, AS3255 \(their uphill cones and the links among their members\): /);
  });

  it('a hint naming another command keeps the data options of this one', () => {
    const r = asrel(['path', '6939', '174', '--afi', 'ipv6', '--offline', '-q']);
    expect(r.stdout).toContain('Run `asrel why-unreachable 6939 174 --afi ipv6 --offline` for the reason');
    const i = asrel(['path', '6939', '174', '--afi', 'ipv6', '--input', 'data/reconstructed/he-cogent-telia-2013.rpsl', '-q']);
    expect(i.stdout).toContain('Run `asrel why-unreachable 6939 174 --afi ipv6 --input data/reconstructed/he-cogent-telia-2013.rpsl` for the reason');
  });
});
