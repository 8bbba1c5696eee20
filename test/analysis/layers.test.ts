// The house (issue #21.3, DESIGN.md "The house"): the faces — the CLI and the web server —
// call src/analysis (and src/report to render), never the stages below it; the wire client
// (src/irr) knows nothing of the answers' rendering or of the store. Read from the sources,
// so a new import that breaks the rule fails here, naming the file and the line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, over several lines too.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\n]+)\1/g;

/** Each relative import of `file` as the folder of src/ it lands in (`infer`, `report`, …), with its line. */
function stageImports(file: string, text = readFileSync(file, 'utf8')): { stage: string; spec: string; line: number }[] {
  const out: { stage: string; spec: string; line: number }[] = [];
  // Comments may name a stage's file (`src/rpsl/pieces.ts`); only code counts.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(SPECIFIER)) {
    const spec = m[2]!;
    if (!spec.startsWith('.')) continue;
    const target = relative(src, resolve(dirname(file), spec));
    if (target.startsWith('..')) continue;
    out.push({ stage: target.split(/[\\/]/)[0]!, spec, line: code.slice(0, m.index).split('\n').length });
  }
  return out;
}

function offences(folder: string, banned: readonly string[]): string[] {
  return sources(join(src, folder)).flatMap((f) => stageImports(f)
    .filter((i) => banned.includes(i.stage))
    .map((i) => `${relative(root, f)}:${i.line} imports '${i.spec}' (src/${i.stage})`));
}

/** The stages below src/analysis: the faces reach each only through it. */
const BELOW_ANALYSIS = ['infer', 'graph', 'irr', 'rpsl', 'policy', 'gather', 'store', 'ixp', 'explain', 'aspa', 'bgp', 'sync'] as const;
/** The faces, the layer they call, and the rendering both may use. */
const ABOVE_STAGES = ['cli', 'server', 'analysis', 'report'] as const;

describe('layers', () => {
  it('finds imports in every form, and only in code', () => {
    const f = join(src, 'cli', 'x.ts');
    const text = [
      "import { a } from '../infer/a.js';",
      "import type {\n  B,\n} from '../graph/b.js';",
      "export { c } from '../rpsl/c.js';",
      "const d = await import('../policy/d.js');",
      "import '../irr/e.js';",
      "// see '../infer/f.js' and src/rpsl/pieces.ts",
      "/* import { g } from '../graph/g.js'; */",
      "import { h } from '../analysis/h.js';",
      "import yargs from 'yargs';",
    ].join('\n');
    expect(stageImports(f, text).map((i) => `${i.stage}@${i.line}`)).toEqual(['infer@1', 'graph@4', 'rpsl@5', 'policy@6', 'irr@7', 'analysis@10']);
  });

  it('every folder of src/ is a face, the analysis, the rendering or a stage below the analysis', () => {
    // A new stage is banned from the faces here only once it is named in BELOW_ANALYSIS.
    const folders = readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !([...ABOVE_STAGES, ...BELOW_ANALYSIS] as string[]).includes(f))).toEqual([]);
  });

  it('src/cli imports no stage below src/analysis (src/gather, src/store, src/ixp, src/infer, …): it calls src/analysis', () => {
    expect(offences('cli', BELOW_ANALYSIS)).toEqual([]);
  });

  it('src/server (and its page) imports none of them either', () => {
    expect(offences('server', BELOW_ANALYSIS)).toEqual([]);
  });

  it('src/irr imports neither src/report nor src/store', () => {
    expect(offences('irr', ['report', 'store'])).toEqual([]);
  });
});
