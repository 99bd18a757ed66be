import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { GraphQLFormattedError } from 'graphql';
import { createApp, type App } from '../app';
import { loadConfig, type Config } from '../config';
import type { Clock } from '../datasources/shared/clock';
import { createDependencies, type Dependencies } from '../dependencies';
import { buildContext } from '../graphql/build-context';
import type { Caller } from '../auth/caller';
import { configureLogger } from '../logging/logger';
import { newRequestStats, runWithRequestContext } from '../logging/request-context';
import { startSimulators, type Simulators, type SimulatorsOptions } from '../simulators';
import { FAST_TEST_ENV } from './test-env';

export interface ExecuteResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface TestStack {
  sims: Simulators;
  config: Config;
  deps: Dependencies;
  app: App;
  /** Real HTTP: the app listening on 127.0.0.1. */
  baseUrl: string;
  /** Typed `executeOperation` through the whole Apollo pipeline, as an HTTP request would run it. */
  execute<TData, TVars extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVars>,
    variables?: TVars,
    options?: { caller?: Caller; requestId?: string; signal?: AbortSignal },
  ): Promise<ExecuteResult<TData>>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  env?: Record<string, string>;
  simulators?: SimulatorsOptions;
  /** Another stack's simulators (a second instance in front of the same upstreams); left running on close. */
  sharedSimulators?: Simulators;
  /** The clock attachments expire by and their sweeper runs on. */
  attachmentClock?: Clock;
}

let counter = 0;

const GENEROUS_CLAUDE_QUOTA = {
  requestsPerMinute: 100_000,
  inputTokensPerMinute: 100_000_000,
  outputTokensPerMinute: 100_000_000,
  countTokensPerMinute: 100_000,
};

/** Simulators on loopback + the real app wired to them with keys, exactly as production is wired. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  configureLogger({ level: 'debug', format: 'json', silent: true });
  const sims =
    options.sharedSimulators ??
    (await startSimulators({
      seed: 7,
      latencyMs: 0,
      ...options.simulators,
      // Quotas matter only where a test is about them: it sets its own.
      claude: { ...GENEROUS_CLAUDE_QUOTA, ...options.simulators?.claude },
    }));
  const config = loadConfig({
    ...FAST_TEST_ENV,
    ANTHROPIC_API_KEY: sims.claude.apiKey,
    ANTHROPIC_BASE_URL: sims.claude.url,
    WOODPECKER_API_KEY: sims.woodpecker.apiKey,
    WOODPECKER_BASE_URL: sims.woodpecker.url,
    ...options.env,
  });
  const deps = await createDependencies(config, { attachmentClock: options.attachmentClock });
  const httpServer: Server = createServer();
  const app = await createApp(deps, { httpServer });
  httpServer.on('request', app.app);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    sims,
    config,
    deps,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async execute(document, variables, opts = {}) {
      const requestId = opts.requestId ?? `test-request-${++counter}`;
      const caller = opts.caller ?? { id: 'test-client', kind: 'token' as const };
      const contextValue = buildContext(deps, { requestId, caller, signal: opts.signal ?? new AbortController().signal });
      const response = await runWithRequestContext({ requestId, caller: caller.id, stats: newRequestStats() }, () =>
        app.apollo.executeOperation({ query: document, variables }, { contextValue }),
      );
      assert(response.body.kind === 'single');
      return response.body.singleResult as ExecuteResult<never>;
    },
    async close() {
      await app.apollo.stop();
      await deps.close();
      if (!options.sharedSimulators) await sims.close();
    },
  };
}
