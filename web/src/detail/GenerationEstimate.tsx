import { useQuery } from '@apollo/client/react';
import { useAttachments } from '../attachments/useAttachments';
import { generationInput } from '../generation/generation-input';
import { EstimateGenerationQuery } from '../generation/operations';
import type { EstimateGenerationQuery as Estimate } from '../gql/graphql';
import type { Lead } from '../leads/lead';
import { useDebounced } from '../lib/use-debounced';
import { useReportError, useServices, useStore } from '../services';

/** Long enough to wait out a typed word, short enough to feel immediate. */
export const ESTIMATE_DEBOUNCE_MS = 400;

const tokens = new Intl.NumberFormat('en-US');

function usd(value: number): string {
  // Single generations cost fractions of a cent to a few cents: two decimals would round most to $0.00.
  return `$${value < 0.1 ? value.toFixed(4) : value.toFixed(2)}`;
}

function costText({ minCostUsd, maxCostUsd }: Estimate['estimateGeneration']): string {
  if (minCostUsd === null || maxCostUsd === null) return 'unpriced (the server has no price for this model)';
  return `${usd(minCostUsd)}–${usd(maxCostUsd)}`;
}

/**
 * What generating this lead's sequence now would take, asked of the server with exactly the input Generate
 * would send (prompt, model, attached files), again after each change has settled.
 */
export function GenerationEstimate({ lead }: { lead: Lead }) {
  const { settings } = useServices();
  const attachmentIds = useAttachments().readyIds;
  const input = useDebounced(generationInput(lead, useStore(settings), attachmentIds), ESTIMATE_DEBOUNCE_MS);
  // The ETA depends on the queue now: always asked again, never read from the cache.
  const { data, previousData, loading, error, refetch } = useQuery(EstimateGenerationQuery, { variables: { input }, fetchPolicy: 'network-only' });
  useReportError('estimate', 'Estimating the generation', error, () => void refetch());
  const estimate = (data ?? previousData)?.estimateGeneration;

  return (
    <section className="estimate" aria-label="Estimate" aria-busy={loading}>
      <h3>Estimate</h3>
      {estimate ? (
        <dl>
          <dt>Input</dt>
          <dd>{tokens.format(estimate.inputTokens)} tokens</dd>
          <dt>Cost</dt>
          <dd>{costText(estimate)}</dd>
          <dt>Time</dt>
          <dd>about {Math.ceil(estimate.etaSeconds)} s</dd>
        </dl>
      ) : (
        <p className="sub">{error ? 'No estimate: see the message at the top of the page.' : 'Estimating…'}</p>
      )}
    </section>
  );
}
