// @ts-check
/**
 * Fails when the built bundle contains anything key-like: an Anthropic key prefix, the header upstream keys
 * travel in, an upstream host (the browser must only know the BFF), the simulators' fixed keys, or the
 * value of ANTHROPIC_API_KEY / WOODPECKER_API_KEY when those are set in the environment.
 *
 *   node scripts/audit-secrets.mjs dist
 *
 * Exit 0: clean. Exit 1: prints each hit (rule, file, line) and never the secret value itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{ name: string, test: (text: string) => number[] }} Rule */

/** @param {string} needle @param {boolean} ignoreCase @returns {(text: string) => number[]} */
function occurrences(needle, ignoreCase) {
  const wanted = ignoreCase ? needle.toLowerCase() : needle;
  return (text) => {
    const haystack = ignoreCase ? text.toLowerCase() : text;
    const found = [];
    for (let at = haystack.indexOf(wanted); at !== -1; at = haystack.indexOf(wanted, at + 1)) found.push(at);
    return found;
  };
}

/** @param {NodeJS.ProcessEnv} env @returns {Rule[]} */
export function rules(env) {
  /** @type {Rule[]} */
  const fixed = [
    { name: 'Anthropic key prefix "sk-ant-"', test: occurrences('sk-ant-', true) },
    { name: 'upstream key header "x-api-key"', test: occurrences('x-api-key', true) },
    { name: 'upstream host api.anthropic.com', test: occurrences('api.anthropic.com', true) },
    { name: 'upstream host api.woodpecker.co', test: occurrences('api.woodpecker.co', true) },
    { name: 'simulator key sim-claude-key', test: occurrences('sim-claude-key', false) },
    { name: 'simulator key sim-woodpecker-key', test: occurrences('sim-woodpecker-key', false) },
  ];
  const configured = ['ANTHROPIC_API_KEY', 'WOODPECKER_API_KEY'].flatMap((variable) => {
    const value = env[variable]?.trim();
    return value ? [{ name: `the value of ${variable}`, test: occurrences(value, false) }] : [];
  });
  return [...fixed, ...configured];
}

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** @param {string} text @param {number} offset */
function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * @param {string} dir
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ files: number, hits: { rule: string, file: string, line: number }[] }}
 */
export function scan(dir, env) {
  const files = filesUnder(dir);
  const active = rules(env);
  const hits = files.flatMap((file) => {
    const text = readFileSync(file).toString('latin1'); // every byte as one character: binary files scan too
    return active.flatMap((rule) => rule.test(text).map((offset) => ({ rule: rule.name, file: path.relative(dir, file), line: lineOf(text, offset) })));
  });
  return { files: files.length, hits };
}

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/audit-secrets.mjs <build directory>');
  process.exit(2);
}
if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`audit:secrets: ${dir} is not a directory (build first)`);
  process.exit(2);
}
const { files, hits } = scan(dir, process.env);
if (files === 0) {
  console.error(`audit:secrets: ${dir} is empty; nothing was audited`);
  process.exit(2);
}
/** @type {Map<string, Set<number>>} */
const grouped = new Map();
for (const hit of hits) {
  const where = `${hit.rule} in ${hit.file}`;
  grouped.set(where, (grouped.get(where) ?? new Set()).add(hit.line));
}
for (const [where, lines] of grouped) {
  const shown = [...lines].slice(0, 10).join(', ');
  console.error(`audit:secrets: ${where}, line ${shown}${lines.size > 10 ? ` and ${lines.size - 10} more lines` : ''}`);
}
if (hits.length > 0) {
  console.error(`audit:secrets: FAILED, ${hits.length} key-like string(s) in ${dir}`);
  process.exit(1);
}
console.log(`audit:secrets: ${files} files in ${dir}, no key, key header or upstream host found (${rules(process.env).length} rules)`);
