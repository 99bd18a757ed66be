import { configureLogger } from '../../logging/logger';
import { startSimulators, type Simulators, type SimulatorsOptions } from '../../simulators';
import { startBffs, type BffProcess, type GraphQLAnswer } from '../../testing/bff-process';
import { redisTestUrl, uniquePrefix } from '../../testing/redis-suite';
import { FAST_TEST_ENV } from '../../testing/test-env';

/** Callers known to every instance (AUTH_MODE=token): per-client limits key on these names. */
export const CLIENTS = ['solo', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'] as const;
export type Client = (typeof CLIENTS)[number];
const tokenOf = (client: Client) => `${client}-token-0123456789abcdef`;

export interface Cluster {
  sims: Simulators;
  instances: BffProcess[];
  /** Sends as `client` to instance `i % instances` (round robin when i counts requests). */
  send(i: number, client: Client, query: string, variables?: object, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  env?: Record<string, string>;
  simulators?: SimulatorsOptions;
}

/** What every test BFF process gets: the fast test settings, pointed at the simulators with their keys. */
export function simulatedUpstreamsEnv(sims: Simulators): Record<string, string> {
  return {
    ...FAST_TEST_ENV,
    LOG_LEVEL: 'info', // main.ts announces its port at info level
    ANTHROPIC_API_KEY: sims.claude.apiKey,
    ANTHROPIC_BASE_URL: sims.claude.url,
    WOODPECKER_API_KEY: sims.woodpecker.apiKey,
    WOODPECKER_BASE_URL: sims.woodpecker.url,
  };
}

/**
 * N real BFF processes sharing one Redis (a key prefix of their own) in front of the simulators, which run in
 * this process so the test reads their counters directly. Everything else is production wiring.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  configureLogger({ level: 'error', format: 'json', silent: true });
  const sims = await startSimulators({ seed: 7, latencyMs: 0, ...options.simulators });
  const env = {
    ...simulatedUpstreamsEnv(sims),
    REDIS_URL: redisTestUrl,
    REDIS_PREFIX: uniquePrefix('cluster'),
    AUTH_MODE: 'token',
    AUTH_TOKENS: CLIENTS.map((c) => `${c}:${tokenOf(c)}`).join(','),
    ...options.env,
  };
  const instances = await startBffs(options.instances ?? 3, env).catch(async (error: unknown) => {
    await sims.close();
    throw error;
  });
  return {
    sims,
    instances,
    send: (i, client, query, variables, headers = {}) =>
      instances[i % instances.length]!.graphql(query, variables, { authorization: `Bearer ${tokenOf(client)}`, ...headers }),
    async close() {
      await Promise.all(instances.map((bff) => bff.stop()));
      await sims.close();
    },
  };
}

export const GENERATE = `mutation($input: GenerateContentInput!) { generateContent(input: $input) { snippet1 model } }`;
export const PROSPECTS = `query($page: Int) { prospects(page: $page, perPage: 5) { page items { id } } }`;
export const EXPORT = `mutation($input: AddProspectsInput!) {
  addProspectsToCampaign(input: $input) { total succeeded failed duplicates errors { email code } }
}`;

export const lead = (i: number) => ({ email: `lead${i}@scale.example`, firstName: `Lead${i}`, company: 'Scale Co' });

/** The codes of an answer's errors (empty for a success). */
export const codes = (answer: GraphQLAnswer) => (answer.errors ?? []).map((e) => String(e.extensions?.code));
