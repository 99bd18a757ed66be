import { z } from 'zod';
import { refuser, secret } from '../variable-kinds';
import { runtimeVariables } from './runtime';

export const metrics = z
  .object({
    ...runtimeVariables,
    METRICS_TOKEN: secret().describe(
      'GET /metrics needs Authorization: Bearer <token> when set; production requires one of at least 16 characters, so /metrics is never public',
    ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && (env.METRICS_TOKEN ?? '').length < 16) {
      refuser(ctx)(
        'METRICS_TOKEN',
        'required in production (at least 16 characters; Prometheus sends it as a bearer token), so /metrics is not public',
      );
    }
  })
  .transform((env) => ({ metricsToken: env.METRICS_TOKEN }))
  .meta({ title: 'Metrics', description: 'Prometheus text at GET /metrics.' });
