import type { z } from 'zod';

/** Thrown with every problem found, so one start-up attempt tells the operator everything to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * "VARIABLE: message" for each issue. Issues are nested under the concern that found them; a variable several
 * concerns read (NODE_ENV) is reported once.
 */
export function configProblems(error: z.ZodError): string[] {
  const problems = error.issues.map((issue) => `${issue.path.slice(1).join('.') || '(env)'}: ${issue.message}`);
  return [...new Set(problems)];
}
