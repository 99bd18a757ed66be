import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { FakeEventStream, type FakeRequest } from '../../test/fake-bff';
import { ESTIMATE, testApp } from '../../test/render';
import { started } from '../../test/stream-events';
import { ADA, pressGenerate, Workspace } from '../../test/workspace';

const MODELS = [
  { __typename: 'ContentModel', id: 'claude-sonnet-4-6', isDefault: true },
  { __typename: 'ContentModel', id: 'claude-sonnet-5', isDefault: false },
];

function setUp(estimate: (request: FakeRequest) => typeof ESTIMATE | Omit<typeof ESTIMATE, 'minCostUsd' | 'maxCostUsd'> & { minCostUsd: null; maxCostUsd: null } = () => ESTIMATE) {
  const stream = new FakeEventStream();
  const app = testApp((request) => {
    if (request.operationName === 'ContentModels') return { data: { __typename: 'Query', contentModels: MODELS } };
    if (request.operationName === 'EstimateGeneration') return { data: { __typename: 'Query', estimateGeneration: estimate(request) } };
    if (request.operationName === 'GenerateContentStream') return { stream };
    throw new Error(`unexpected ${request.operationName}`);
  });
  const [id] = app.services.leads.importLeads([ADA]);
  app.render(<Workspace />);
  const asked = () => app.bff.requests.filter((r) => r.operationName === 'EstimateGeneration').map((r) => r.variables.input);
  return { app, id: id!, stream, asked };
}

async function openAda() {
  await userEvent.click(screen.getByRole('button', { name: 'Ada Lovelace' }));
  return screen.getByRole('region', { name: 'Estimate' });
}

describe('The estimate before generating', () => {
  it('When a lead is opened, then the estimate of its generation shows the input tokens, the cost range in USD and the time', async () => {
    const { asked } = setUp();
    const estimate = await openAda();
    await waitFor(() => expect(estimate).toHaveTextContent('1,234 tokens'));
    expect(estimate).toHaveTextContent('$0.0037–$0.0344');
    expect(estimate).toHaveTextContent('about 12 s');
    expect(asked()).toEqual([{ lead: ADA }]);
  });

  it('When the model has no price on the server, then the cost reads “unpriced”', async () => {
    setUp(() => ({ ...ESTIMATE, minCostUsd: null, maxCostUsd: null }));
    const estimate = await openAda();
    await waitFor(() => expect(estimate).toHaveTextContent('1,234 tokens'));
    expect(within(estimate).getByText(/^unpriced/)).toBeInTheDocument();
    expect(estimate).not.toHaveTextContent('$');
  });

  it('When a prompt is typed, then the estimate is asked again for the prompt as typed', async () => {
    const { asked } = setUp((request) => ({ ...ESTIMATE, inputTokens: (request.variables.input as { prompt?: string }).prompt ? 1300 : 1234 }));
    const estimate = await openAda();
    await waitFor(() => expect(estimate).toHaveTextContent('1,234 tokens'));
    const prompt = screen.getByLabelText('Prompt');
    const typed = 'Mention the pilot';
    for (let i = 1; i <= typed.length; i += 1) fireEvent.change(prompt, { target: { value: typed.slice(0, i) } });
    await waitFor(() => expect(estimate).toHaveTextContent('1,300 tokens'));
    expect(asked()).toEqual([{ lead: ADA }, { lead: ADA, prompt: 'Mention the pilot' }]);
  });

  it('When another model is picked, then the estimate is asked for that model', async () => {
    const { asked } = setUp();
    await openAda();
    await userEvent.selectOptions(await screen.findByLabelText('Model'), 'claude-sonnet-5');
    await waitFor(() => expect(asked()).toContainEqual({ lead: ADA, model: 'claude-sonnet-5' }));
  });

  it('When the lead is being generated, then no estimate is shown', async () => {
    const { stream } = setUp();
    await openAda();
    await pressGenerate(ADA.email);
    stream.next(started());
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Estimate' })).toBeNull());
  });
});
