import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { renderConfigurationDoc } from './configuration-doc';
import { describeModel } from './describe-model';
import { renderEnvExample } from './env-example';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface ReferenceFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

/** The files generated from the configuration model. */
export function referenceFiles(): ReferenceFile[] {
  const model = describeModel();
  return [
    { path: '.env.example', content: renderEnvExample(model) },
    { path: 'docs/configuration.md', content: renderConfigurationDoc(model) },
  ];
}

const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

function staleFiles(root: string): ReferenceFile[] {
  return referenceFiles().filter((file) => read(join(root, file.path)) !== file.content);
}

/** The reference files under `root` that are missing or differ from what the model generates. */
export function staleReferenceFiles(root: string): string[] {
  return staleFiles(root).map((file) => file.path);
}

/** Writes the stale reference files under `root`; returns their paths. */
export function writeReferenceFiles(root: string): string[] {
  const files = staleFiles(root);
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  return files.map((file) => file.path);
}
