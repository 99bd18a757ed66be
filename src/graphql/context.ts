import type { CallerAttachments } from '../attachments/attachments';
import type { Caller } from '../auth/caller';
import type { Config } from '../config';
import type { ClaudeAPI } from '../datasources/claude/ClaudeAPI';
import type { WoodpeckerAPI } from '../datasources/woodpecker/WoodpeckerAPI';
import type { UpstreamStatusSnapshot } from '../datasources/shared/upstream';
import type { UsageReports } from '../usage/usage-accounting';
import type { ExportIdempotency } from '../idempotency/idempotent-exports';

/** Read-only view of the upstream runtimes, for the `upstreams` query. */
export interface UpstreamView {
  snapshot: UpstreamStatusSnapshot;
  simulated: boolean;
}

export interface GraphQLContext {
  requestId: string;
  caller: Caller;
  /** Aborts when the client disconnects; data sources cancel queued and in-flight upstream work with it. */
  signal: AbortSignal;
  config: Config;
  dataSources: { claude: ClaudeAPI; woodpecker: WoodpeckerAPI };
  /** Exports with an Idempotency-Key run once per caller and key, on every instance. */
  exportIdempotency: ExportIdempotency;
  upstreams(): UpstreamView[];
  /** Claude usage per caller, for the `usage` query. */
  usage: UsageReports;
  /** The caller's uploaded files: resolved for generations, deleted on request. */
  attachments: CallerAttachments;
}
