import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'outreach-bff-scale-out');
const COMPLETE = '.complete';

/** What the app loads from outside src/: the web app's persisted-operations manifest (graphql/plugins/shipped-operations.ts). */
const OUTSIDE_SRC = [path.join(ROOT, 'web', 'src', 'gql', 'persisted-documents.json')];

/** Everything the app may load from a folder (TypeScript and data files such as JSON), tests left out. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return entry.name.endsWith('.d.ts') ? [] : [full];
  });
}

/**
 * `src/main.js` of a transpiled copy of the app, for tests that start real BFF processes. Measured on the
 * 2-core CI machine: a process under `ts-node/register/transpile-only` needs ~4 s to listen, a transpiled one
 * ~1.3 s, and transpiling everything once takes ~3 s; three processes per scenario make the copy the faster.
 * It lives in node_modules/.cache under a hash of the sources (and the schema next to it, where
 * graphql/schema.ts looks), so unchanged sources are reused across runs. No type check: tsc does that.
 */
export function compiledMain(): string {
  const sources = [...sourceFiles(path.join(ROOT, 'src')), ...OUTSIDE_SRC];
  const schemaDir = path.join(ROOT, 'schema');
  const hash = createHash('sha256');
  for (const file of [...sources, ...readdirSync(schemaDir).map((f) => path.join(schemaDir, f))]) {
    hash.update(path.relative(ROOT, file)).update(readFileSync(file));
  }
  const dir = path.join(CACHE, hash.digest('hex').slice(0, 16));
  const main = path.join(dir, 'src', 'main.js');
  if (existsSync(path.join(dir, COMPLETE))) return main;

  // Built aside and renamed into place, so parallel test workers never run a half-written copy.
  const building = `${dir}.tmp-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  for (const file of sources) {
    const out = path.join(building, path.relative(ROOT, file).replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    if (!file.endsWith('.ts')) {
      cpSync(file, out);
      continue;
    }
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(out, outputText);
  }
  cpSync(schemaDir, path.join(building, 'schema'), { recursive: true });
  writeFileSync(path.join(building, COMPLETE), '');
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker finished first: its copy is identical
  }
  for (const stale of readdirSync(CACHE)) {
    if (path.join(CACHE, stale) !== dir && !stale.includes('.tmp-')) rmSync(path.join(CACHE, stale), { recursive: true, force: true });
  }
  return main;
}
