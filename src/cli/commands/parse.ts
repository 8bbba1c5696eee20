import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { printPolicy } from '../../../grammar/print.js';
import { parsePolicy } from '../../policy/parse.js';
import { policyAttributeName } from '../../policy/attributes.js';
import type { ParsedPolicy, PolicyDiagnostic } from '../../policy/types.js';
import { InputError, NotTextError, streamObjects } from '../../rpsl/read.js';
import type { ReadDiagnostic, RpslObject } from '../../rpsl/types.js';
import { UserError } from '../errors.js';
import { withJson } from '../options.js';

interface ParseArgs {
  files: string[];
  stats: boolean;
  json: boolean;
}

/** Buffered stdout that respects back-pressure, so a large --json report streams. */
class Out {
  private buf = '';
  write(s: string): void {
    this.buf += s;
  }
  async flush(force = false): Promise<void> {
    if (!force && this.buf.length < 1 << 16) return;
    const chunk = this.buf;
    this.buf = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', r));
  }
}

interface Totals {
  objects: number;
  objectsWithPolicy: number;
  policyAttributes: Record<string, number>;
  parsed: number;
  errors: number;
  warnings: number;
  diagnostics: (PolicyDiagnostic & { input: string })[];
  readerDiagnostics: ReadDiagnostic[];
}

function families(p: ParsedPolicy): string[] {
  return [...new Set(p.terms.map((t) => t.afi))];
}

function textReport(obj: RpslObject, policies: ParsedPolicy[]): string {
  let s = `${obj.class} ${obj.key} (${obj.origin.input}:${obj.origin.line})\n`;
  for (const p of policies) {
    if (p.ast) {
      const fams = families(p);
      s += `  ${p.line} ${p.attribute}: ${printPolicy(p.ast)}  [${fams.length ? fams.join(', ') : 'no family'}]\n`;
    } else s += `  ${p.line} ${p.attribute}: ${p.text}\n`;
    for (const d of p.diagnostics) s += `    ${d.severity} at ${d.line}:${d.column}: ${d.message}\n`;
  }
  return s;
}

function jsonObject(obj: RpslObject, policies: ParsedPolicy[]): unknown {
  return {
    class: obj.class,
    key: obj.key,
    input: obj.origin.input,
    line: obj.origin.line,
    policies: policies.map((p) => ({
      attribute: p.attribute,
      line: p.line,
      text: p.text,
      ok: p.ast !== undefined,
      families: families(p),
      ast: p.ast ?? null,
      diagnostics: p.diagnostics,
    })),
  };
}

function diagnosticLine(d: PolicyDiagnostic & { input: string }): string {
  return `${d.input}:${d.line}:${d.column}: ${d.severity}: ${d.object} ${d.attribute}: ${d.message}\n`;
}

function statsText(t: Totals, files: string[]): string {
  const names = Object.entries(t.policyAttributes).map(([k, v]) => `${k} ${v}`).join(', ');
  const total = Object.values(t.policyAttributes).reduce((a, b) => a + b, 0);
  let s = `files: ${files.join(', ')}\n`;
  s += `objects: ${t.objects} (${t.objectsWithPolicy} with policy attributes)\n`;
  s += `policy attributes: ${total}${names ? ` (${names})` : ''}\n`;
  s += `parsed without errors: ${t.parsed}; with errors: ${total - t.parsed}\n`;
  s += `diagnostics: ${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}\n`;
  for (const d of t.diagnostics) s += diagnosticLine(d);
  for (const d of t.readerDiagnostics) s += `${d.input}:${d.line}: ${d.severity}: ${d.message}\n`;
  return s;
}

/**
 * The file arguments in order. yargs-parser drops a lone `-` (stdin), so the list is taken
 * from the raw arguments after `parse`; this command's options are all boolean flags.
 */
function fileArgs(parsed: string[] | undefined): string[] {
  const raw = hideBin(process.argv);
  const at = raw.indexOf('parse');
  const files = at < 0 ? [] : raw.slice(at + 1).filter((a) => a === '-' || !a.startsWith('-'));
  return files.length ? files : (parsed ?? []).map(String);
}

const command: CommandModule<object, ParseArgs> = {
  command: 'parse [files..]',
  describe: 'parse the routing-policy attributes of RPSL objects and report ASTs and diagnostics',
  builder: (y) =>
    withJson(y)
      .positional('files', { type: 'string', array: true, describe: 'RPSL files or dumps (.gz ok); - reads standard input' })
      .option('stats', { type: 'boolean', default: false, describe: 'print totals and diagnostics only' })
      .example('$0 parse AS3257.rpsl', 'each policy attribute in canonical form, with its address families')
      .example('$0 parse --stats --json ripe.db.aut-num.gz', 'one JSON document: counts and every diagnostic') as unknown as Argv<ParseArgs>,
  handler: async (argv) => {
    const files = fileArgs(argv.files);
    if (files.length === 0) throw new UserError('name at least one file to parse', 2, 'Example: asrel parse AS3257.rpsl (or - to read standard input).');
    if (files.filter((f) => f === '-').length > 1) throw new UserError('standard input (-) can be read only once', 2, 'Name - once.');
    const out = new Out();
    const totals: Totals = { objects: 0, objectsWithPolicy: 0, policyAttributes: {}, parsed: 0, errors: 0, warnings: 0, diagnostics: [], readerDiagnostics: [] };
    const perObject = !argv.stats;
    let firstJson = true;
    if (perObject && argv.json) out.write('{"objects":[');
    for (const file of files) {
      try {
        for await (const obj of streamObjects(file, file, (d) => totals.readerDiagnostics.push(d), { checkText: true })) {
          totals.objects++;
          // Families are only shown per object; totals do not need them, and in --stats mode
          // each result is dropped as soon as it is counted (a big aut-num has 10⁴ policies).
          const policies: ParsedPolicy[] = [];
          let any = false;
          for (const attr of obj.attributes) {
            if (!policyAttributeName(attr.name)) continue;
            const p = parsePolicy(attr, obj.key, { terms: perObject });
            any = true;
            totals.policyAttributes[p.attribute] = (totals.policyAttributes[p.attribute] ?? 0) + 1;
            if (p.ast) totals.parsed++;
            for (const d of p.diagnostics) {
              if (d.severity === 'error') totals.errors++;
              else totals.warnings++;
              totals.diagnostics.push({ ...d, input: file });
            }
            if (perObject) policies.push(p);
          }
          if (!any) continue;
          totals.objectsWithPolicy++;
          if (!perObject) continue;
          if (argv.json) {
            out.write((firstJson ? '' : ',') + JSON.stringify(jsonObject(obj, policies)));
            firstJson = false;
          } else out.write(textReport(obj, policies));
          await out.flush();
        }
      } catch (e) {
        if (e instanceof NotTextError) {
          await out.flush(true);
          throw new UserError(e.message, 2);
        }
        if (e instanceof InputError) {
          await out.flush(true);
          throw new UserError(e.message, 1, 'Check the path (a file, a .gz dump, or - for standard input).');
        }
        throw e;
      }
    }
    const summary = {
      files,
      objects: totals.objects,
      objectsWithPolicy: totals.objectsWithPolicy,
      policyAttributes: totals.policyAttributes,
      parsed: totals.parsed,
      errors: totals.errors,
      warnings: totals.warnings,
    };
    if (argv.json && perObject) {
      out.write(`],"summary":${JSON.stringify(summary)},"readerDiagnostics":${JSON.stringify(totals.readerDiagnostics)}}\n`);
    } else if (argv.json) {
      out.write(`${JSON.stringify({ ...summary, diagnostics: totals.diagnostics, readerDiagnostics: totals.readerDiagnostics }, null, 2)}\n`);
    } else if (argv.stats) {
      out.write(statsText(totals, files));
    } else {
      if (totals.objectsWithPolicy === 0) out.write(`no policy attributes in ${totals.objects} object${totals.objects === 1 ? '' : 's'}\n`);
      for (const d of totals.readerDiagnostics) out.write(`${d.input}:${d.line}: ${d.severity}: ${d.message}\n`);
    }
    await out.flush(true);
    if (process.env.ASREL_REPORT_RSS) process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS} KiB\n`);
  },
};
export default command;
