// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../audit-secrets.mjs');
const dirs: string[] = [];

function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'audit-secrets-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function audit(dir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [SCRIPT, dir], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Key-shaped for the audit, assembled here so that no key-like literal is committed for scanners to report. */
const FAKE_ANTHROPIC_KEY = ['sk', 'ant', 'FAKE', 'not', 'a', 'key'].join('-');

describe('audit:secrets', () => {
  it('When the bundle only talks to the BFF, then the audit passes', () => {
    expect(audit(bundle({ 'index.html': '<script src="/assets/a.js"></script>', 'assets/a.js': 'fetch("http://localhost:4000/graphql")' }))).toMatchObject({ status: 0 });
  });

  it.each([
    ['an Anthropic key', `const k = "${FAKE_ANTHROPIC_KEY}"`, 'Anthropic key prefix "sk-ant-"'],
    ['the upstream key header', 'headers: { "X-Api-Key": k }', 'upstream key header "x-api-key"'],
    ['the Anthropic host', 'fetch("https://api.anthropic.com/v1/messages")', 'upstream host api.anthropic.com'],
    ['the Woodpecker host', 'fetch("https://api.woodpecker.co/rest/v1/campaign_list")', 'upstream host api.woodpecker.co'],
    ['a simulator key', 'const k = "sim-woodpecker-key"', 'simulator key sim-woodpecker-key'],
  ])('When the bundle contains %s, then the audit fails naming the rule, file and line', (_what, code, rule) => {
    const result = audit(bundle({ 'assets/app.js': `// line 1\n${code}\n` }));
    expect(result.status).toBe(1);
    expect(result.output).toContain(`${rule} in assets/app.js, line 2`);
  });

  it('When ANTHROPIC_API_KEY or WOODPECKER_API_KEY is set, then its value in the bundle fails the audit without being printed', () => {
    const dir = bundle({ 'assets/app.js': 'const key = "wp-live-0123456789abcdef";' });
    const result = audit(dir, { WOODPECKER_API_KEY: 'wp-live-0123456789abcdef' });
    expect(result.status).toBe(1);
    expect(result.output).toContain('the value of WOODPECKER_API_KEY in assets/app.js');
    expect(result.output).not.toContain('wp-live-0123456789abcdef');
    expect(audit(dir).status).toBe(0);
  });

  it('When the build directory is missing or empty, then the audit does not pass', () => {
    expect(audit(path.join(tmpdir(), 'no-such-build-dir')).status).toBe(2);
    expect(audit(bundle({})).status).toBe(2);
  });
});
