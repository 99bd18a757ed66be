import { z } from 'zod';
import { int } from '../variable-kinds';
import { ANTHROPIC_API_KEY } from './claude';
import { WOODPECKER_API_KEY } from './woodpecker';

export const simulator = z
  .object({
    ANTHROPIC_API_KEY,
    WOODPECKER_API_KEY,
    SIMULATOR_LATENCY_MS: int(30).describe('how long each simulator answer takes'),
    SIMULATOR_FAULT_RATE: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('share of simulator answers that are injected transient faults'),
    SIMULATOR_SEED: int(42).describe('seed of the sample data and of fault injection, so a demo replays the same way'),
    SIMULATOR_CLAUDE_TTFT_MS: int(600).describe(
      "the simulated Claude's time to first token (a JSON answer waits this plus its writing time); real Sonnet takes about 0.6 s",
    ),
    SIMULATOR_CLAUDE_TOKENS_PER_SECOND: int(60).describe(
      "the simulated Claude's writing pace, in its own token count; real Sonnet writes about 60 tokens a second; 0 = no pacing",
    ),
  })
  .transform((env) => ({
    /** Which upstreams the built-in simulators replace (development without keys). */
    simulate: { claude: !env.ANTHROPIC_API_KEY, woodpecker: !env.WOODPECKER_API_KEY },
    simulator: {
      latencyMs: env.SIMULATOR_LATENCY_MS,
      faultRate: env.SIMULATOR_FAULT_RATE,
      seed: env.SIMULATOR_SEED,
      claude: { ttftMs: env.SIMULATOR_CLAUDE_TTFT_MS, tokensPerSecond: env.SIMULATOR_CLAUDE_TOKENS_PER_SECOND },
    },
  }))
  .meta({
    title: 'Built-in simulators (demo mode)',
    description:
      'In development an upstream without a key is served by a built-in simulator speaking its wire format, with ' +
      'sample data; every limit, retry and deadline above still applies.',
  });
