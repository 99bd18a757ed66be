import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative module specifiers a file imports (static imports, re-exports and type imports alike). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)].map((m) => path.resolve(path.dirname(file), m[1]!));
}

const inside = (target: string, folder: string) => path.relative(path.join(SRC, folder), target).split(path.sep)[0] !== '..';

/** The layers below GraphQL; they are used by it and must not reach back up into it. */
const LOWER_LAYERS = ['attachments', 'datasources', 'validation', 'idempotency', 'usage', 'domain', 'auth', 'metrics', 'redis', 'config', 'logging', 'http', 'tracing', 'simulators', 'errors'];

describe('the layering of src/', () => {
  it.each(LOWER_LAYERS)('When a module of %s/ imports, then nothing it imports is in src/graphql', (layer) => {
    const backEdges = sourceFiles(path.join(SRC, layer)).flatMap((file) =>
      importsOf(file)
        .filter((target) => inside(target, 'graphql'))
        .map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`),
    );
    expect(backEdges).toEqual([]);
  });

  it('When the closed error set imports, then only graphql and the generated schema enums', () => {
    const files = sourceFiles(path.join(SRC, 'errors'));
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => !inside(target, 'errors') && target !== path.join(SRC, 'generated', 'schema-enums'))
        .map((target) => `${path.relative(SRC, file)} → ${path.relative(SRC, target)}`),
    );
    const packages = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^.'][^']*)'/g)].map((m) => m[1]));
    expect(outside).toEqual([]);
    expect(new Set(packages)).toEqual(new Set(['graphql']));
  });
});
