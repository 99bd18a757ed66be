import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '..';
import { concerns } from '../model';
import { REPO_ROOT, referenceFiles, staleReferenceFiles, writeReferenceFiles } from '../reference/reference-files';

/** The environment a shell ends up with after `set -a && . <file>`, as the file's header tells users to load it. */
function sourced(file: string): Record<string, string> {
  // --norc and no stdin: bash treats a socket on stdin as a remote shell and would read ~/.bashrc.
  const out = execFileSync('bash', ['--norc', '-c', 'set -a && . "$0" && env -0', file], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return Object.fromEntries(
    out
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

describe('generated configuration reference', () => {
  it('When the committed .env.example and docs/configuration.md are compared with the model, then they match', () => {
    const stale = staleReferenceFiles(REPO_ROOT);
    expect(stale.map((file) => `${file} differs from the model in src/config: run \`npm run config:docs\``)).toEqual([]);
  });

  it('When a generated file is edited by hand or deleted, then the drift check names it until it is regenerated', () => {
    const root = mkdtempSync(join(tmpdir(), 'config-reference-'));
    try {
      expect(writeReferenceFiles(root)).toEqual(['.env.example', 'docs/configuration.md']);
      expect(staleReferenceFiles(root)).toEqual([]);

      appendFileSync(join(root, '.env.example'), 'PORT=5000\n');
      expect(staleReferenceFiles(root)).toEqual(['.env.example']);
      rmSync(join(root, 'docs'), { recursive: true });
      expect(staleReferenceFiles(root)).toEqual(['.env.example', 'docs/configuration.md']);

      expect(writeReferenceFiles(root)).toEqual(['.env.example', 'docs/configuration.md']);
      expect(staleReferenceFiles(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('When .env.example is loaded into a shell as its header says, then the server starts with exactly the defaults', () => {
    expect(loadConfig(sourced(join(REPO_ROOT, '.env.example')))).toEqual(loadConfig({}));
  });

  it('When the reference is generated, then each variable the model reads appears once in each file and secrets are empty', () => {
    const names = [...new Set(Object.values(concerns).flatMap((model) => Object.keys(model.in.shape)))];
    const [envExample, doc] = referenceFiles().map((file) => file.content);
    for (const name of names) {
      expect({ name, lines: envExample?.match(new RegExp(`^(# )?${name}=`, 'gm'))?.length }).toEqual({ name, lines: 1 });
      expect({ name, rows: doc?.split(`| \`${name}\` |`).length }).toEqual({ name, rows: 2 });
    }
    for (const secret of ['ANTHROPIC_API_KEY', 'WOODPECKER_API_KEY', 'AUTH_TOKENS', 'AUTH_JWT_SECRET', 'METRICS_TOKEN']) {
      expect(envExample).toMatch(new RegExp(`^${secret}=$`, 'm'));
    }
  });
});
