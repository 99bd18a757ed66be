import { z } from 'zod';
import { flag } from '../variable-kinds';
import { runtimeVariables } from './runtime';

const variables = z.object({
  ...runtimeVariables,
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'])
    .default('info')
    .describe('winston level: lines less severe than this are dropped'),
  LOG_FORMAT: z
    .enum(['json', 'pretty'])
    .optional()
    .describe('one JSON object a line, or readable lines')
    .meta({ defaultText: 'pretty (json in production)' }),
  LOG_CONTENT: flag(false).describe(
    'development only: log prompts and generated copy instead of their length and hash (ignored in production)',
  ),
});

export const logging = variables
  .transform((env) => {
    const isProduction = env.NODE_ENV === 'production';
    return {
      log: {
        level: env.LOG_LEVEL,
        format: env.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty'),
        content: env.LOG_CONTENT && !isProduction,
      },
    };
  })
  .meta({
    title: 'Logging',
    description: 'Every line carries the request id; keys, the authorization header and prospect emails are redacted.',
  });
