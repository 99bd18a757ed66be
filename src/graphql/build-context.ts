import type { Attachments } from '../attachments/attachments';
import type { Config } from '../config';
import { ClaudeAPI, type ClaudeShared } from '../datasources/claude/ClaudeAPI';
import type { Upstream } from '../datasources/shared/upstream';
import { WoodpeckerAPI, type WoodpeckerShared } from '../datasources/woodpecker/WoodpeckerAPI';
import type { IdempotentExports } from '../idempotency/idempotent-exports';
import type { UsageReports } from '../usage/usage-accounting';
import type { Caller } from '../auth/caller';
import type { GraphQLContext } from './context';
import type { WoodpeckerCallBudgets } from './directives/woodpecker-call-budget';

export interface RequestIdentity {
  requestId: string;
  caller: Caller;
  /** Aborts when the client disconnects. */
  signal: AbortSignal;
  /** The raw `Idempotency-Key` header; validated only by the operations that use it. */
  idempotencyKey?: string;
}

/** The process-wide services a request's context is built on (the composition root provides them). */
export interface ContextServices {
  config: Config;
  claude: ClaudeShared;
  woodpecker: WoodpeckerShared;
  woodpeckerCallBudgets: Pick<WoodpeckerCallBudgets, 'forCaller'>;
  upstreams: Record<'claude' | 'woodpecker', Pick<Upstream, 'status'>>;
  idempotentExports: IdempotentExports;
  usage: UsageReports;
  attachments: Pick<Attachments, 'forCaller'>;
}

/** Per request: fresh data-source instances (and their DataLoaders) over the shared singletons. */
export function buildContext(deps: ContextServices, identity: RequestIdentity): GraphQLContext {
  const { config } = deps;
  return {
    ...identity,
    config,
    dataSources: {
      claude: new ClaudeAPI(deps.claude, identity.signal, identity.caller.id),
      woodpecker: new WoodpeckerAPI(deps.woodpecker, identity.signal, deps.woodpeckerCallBudgets.forCaller(identity.caller)),
    },
    exportIdempotency: deps.idempotentExports.forRequest({
      callerId: identity.caller.id,
      headerKey: identity.idempotencyKey,
      signal: identity.signal,
    }),
    upstreams: () => [
      { snapshot: deps.upstreams.claude.status(), simulated: config.simulate.claude },
      { snapshot: deps.upstreams.woodpecker.status(), simulated: config.simulate.woodpecker },
    ],
    usage: deps.usage,
    attachments: deps.attachments.forCaller(identity.caller),
  };
}
