import { z } from 'zod';
import { secret } from '../variable-kinds';

export const metrics = z
  .object({
    METRICS_TOKEN: secret().describe('when set, GET /metrics needs Authorization: Bearer <token>'),
  })
  .transform((env) => ({ metricsToken: env.METRICS_TOKEN }))
  .meta({ title: 'Metrics', description: 'Prometheus text at GET /metrics.' });
