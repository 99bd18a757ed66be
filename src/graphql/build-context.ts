import { ClaudeAPI } from '../datasources/claude/ClaudeAPI';
import { WoodpeckerAPI } from '../datasources/woodpecker/WoodpeckerAPI';
import type { Dependencies } from '../dependencies';
import type { Caller, GraphQLContext } from './context';

export interface RequestIdentity {
  requestId: string;
  caller: Caller;
  /** Aborts when the client disconnects. */
  signal: AbortSignal;
  /** The raw `Idempotency-Key` header; validated only by the operations that use it. */
  idempotencyKey?: string;
}

/** Per request: fresh data-source instances (and their DataLoaders) over the shared singletons. */
export function buildContext(deps: Dependencies, identity: RequestIdentity): GraphQLContext {
  const { config } = deps;
  return {
    ...identity,
    config,
    dataSources: {
      claude: new ClaudeAPI(deps.claude, identity.signal),
      woodpecker: new WoodpeckerAPI(deps.woodpecker, identity.signal),
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
  };
}
