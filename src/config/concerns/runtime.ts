import { z } from 'zod';

export const NODE_ENV = z
  .enum(['development', 'production', 'test'])
  .default('development')
  .describe(
    'production turns off the GraphQL sandbox and introspection, requires both upstream keys and an auth mode, and logs JSON',
  );

/** Concerns whose rules or defaults depend on the environment spread this into their own variables. */
export const runtimeVariables = { NODE_ENV };

export const runtime = z
  .object(runtimeVariables)
  .transform((env) => ({ env: env.NODE_ENV, isProduction: env.NODE_ENV === 'production' }))
  .meta({ title: 'Runtime', description: 'The one switch between a development machine and a deployment.' });
