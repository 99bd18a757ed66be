import { ApolloProvider } from '@apollo/client/react';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createApolloClient } from '../api/client';
import { attachmentApi } from '../attachments/attachment-api';
import { AttachmentStore } from '../attachments/attachment-store';
import { ErrorCenter } from '../errors/error-center';
import { GenerationService } from '../generation/generation-service';
import type { GenerationTransport } from '../generation/generation-queue';
import { subscriptionTransport } from '../generation/subscription-transport';
import { LeadStore } from '../leads/lead-store';
import { ServicesProvider, type Services } from '../services';
import { SettingsStore } from '../settings/settings-store';
import { fakeBff, type FakeBff, type FakeHandler } from './fake-bff';

export interface TestApp {
  services: Services;
  bff: FakeBff;
  render(ui: ReactElement): ReturnType<typeof render>;
}

/** An answer to `estimateGeneration`, which the open lead asks for before it is generated. */
export const ESTIMATE = { __typename: 'GenerationEstimate', inputTokens: 1234, maxOutputTokens: 2048, minCostUsd: 0.0037, maxCostUsd: 0.0344, etaSeconds: 11.2 };

const NO_ANSWER: FakeHandler = (request) => {
  if (request.operationName === 'ContentModels') return { data: { __typename: 'Query', contentModels: [] } };
  if (request.operationName === 'Campaigns') return { data: { __typename: 'Query', campaigns: [] } };
  if (request.operationName === 'EstimateGeneration') return { data: { __typename: 'Query', estimateGeneration: ESTIMATE } };
  throw new Error(`no fake answer for ${request.operationName}`);
};

/**
 * The app's real services and Apollo client, with the BFF replaced at the network edge. Storage is the test
 * environment's localStorage (cleared after every test).
 */
export function testApp(handler: FakeHandler = NO_ANSWER, transport?: GenerationTransport): TestApp {
  const bff = fakeBff(handler);
  const client = createApolloClient({ graphqlUrl: 'http://bff.test/graphql', streamUrl: 'http://bff.test/graphql/stream', accessToken: () => '', fetchFn: bff.fetch });
  const errors = new ErrorCenter();
  const leads = new LeadStore(localStorage);
  const settings = new SettingsStore(localStorage);
  const attachments = new AttachmentStore(attachmentApi(client, { url: 'http://bff.test/attachments', accessToken: () => '', fetchFn: bff.fetch }), errors);
  const services: Services = {
    errors,
    leads,
    settings,
    attachments,
    generation: new GenerationService(transport ?? subscriptionTransport(client), leads, settings, attachments, errors),
  };
  return {
    services,
    bff,
    render: (ui) =>
      render(
        <ApolloProvider client={client}>
          <ServicesProvider services={services}>{ui}</ServicesProvider>
        </ApolloProvider>,
      ),
  };
}
