import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Snippets } from '../../leads/lead';
import { bffError, eventStream, FakeEventStream, type FakeAnswer, type FakeRequest } from '../../test/fake-bff';
import { ESTIMATE, testApp } from '../../test/render';
import { completed, delta, failed, queued, started, wholeGeneration } from '../../test/stream-events';
import { ADA, fieldValue, leadRow, pressGenerate, Workspace } from '../../test/workspace';

const VALIDATED: Snippets = [
  'Quick idea for Analytical Engines',
  '<div>Hi Ada,</div><div><br></div><div>We help research teams ship.</div>',
  'Hi Ada, would love to connect.',
  '<div>Bumping this up.</div>',
  '<div>A new angle.</div>',
  '<div>Second bump.</div>',
  '<div>Last note from me.</div>',
];
const RAW = ['Quick idea for Analytical Engines', 'Hi Ada,\n\nWe help research teams ship.', 'Hi Ada, would love to connect.', 'Bumping this up.', 'A new angle.', 'Second bump.', 'Last note from me.'];

/** The app against a fake BFF whose generation streams are handed to the test, one per subscription. */
function setUp(streamAnswer: (request: FakeRequest) => FakeAnswer = () => ({ stream: new FakeEventStream() })) {
  const streams: { request: FakeRequest; answer: FakeAnswer }[] = [];
  const app = testApp((request) => {
    if (request.operationName === 'ContentModels') return { data: { __typename: 'Query', contentModels: [] } };
    if (request.operationName === 'EstimateGeneration') return { data: { __typename: 'Query', estimateGeneration: ESTIMATE } };
    if (request.operationName === 'GenerateContentStream') {
      const answer = streamAnswer(request);
      streams.push({ request, answer });
      return answer;
    }
    throw new Error(`unexpected ${request.operationName}`);
  });
  app.services.leads.importLeads([ADA]);
  app.render(<Workspace />);
  const stream = (i = 0) => {
    const answer = streams[i]?.answer;
    if (!answer || !('stream' in answer)) throw new Error(`no stream ${i} yet`);
    return answer.stream;
  };
  const opened = (count = 1) => waitFor(() => expect(streams).toHaveLength(count));
  return { app, streams, stream, opened, lead: () => app.services.leads.leads[0]! };
}

describe('Generation over the generateContentStream subscription', () => {
  it('When deltas arrive, then the fields fill as they come, read-only, Subject first while Follow-up 4 is still empty; on completion they take the validated content', async () => {
    const { streams, stream, opened, lead } = setUp();
    await pressGenerate(ADA.email);
    await opened();
    expect(streams[0]!.request.url).toBe('http://bff.test/graphql/stream');
    expect(streams[0]!.request.variables).toEqual({ input: { lead: ADA } });

    stream().next(started());
    stream().next(delta(1, 'Quick idea '));
    stream().next(delta(1, 'for Analytical Engines'));
    stream().next(delta(2, 'Hi Ada,\n\nWe help'));
    await waitFor(() => expect(fieldValue('Day 1 email')).toBe('Hi Ada,\n\nWe help'));
    expect(fieldValue('Subject')).toBe('Quick idea for Analytical Engines');
    expect(fieldValue('Follow-up 4')).toBe('');
    expect(screen.getByLabelText('Subject')).toHaveAttribute('readonly');
    expect(screen.getByText(/Writing the sequence with claude-sonnet-4-6/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();

    stream().next(delta(2, ' research teams ship.'));
    for (const [i, text] of RAW.slice(2).entries()) stream().next(delta(i + 3, text));
    stream().next(completed(VALIDATED));
    stream().complete();
    await waitFor(() => expect(lead().status).toBe('drafted'));
    expect(lead().sequence?.snippets).toEqual(VALIDATED);
    expect(fieldValue('Day 1 email')).toBe('Hi Ada,\n\nWe help research teams ship.');
    expect(fieldValue('Follow-up 4')).toBe('Last note from me.');
    expect(screen.getByLabelText('Subject')).not.toHaveAttribute('readonly');
  });

  it('When Claude writes a touch as HTML, then it streams in as text, not as tags', async () => {
    const { stream, opened } = setUp();
    await pressGenerate(ADA.email);
    await opened();
    stream().next(delta(1, 'Subject line for Ada'));
    stream().next(delta(2, '<div>Hi Ada,</div><div><br></div><div>Short note'));
    await waitFor(() => expect(fieldValue('Day 1 email')).toBe('Hi Ada,\n\nShort note'));
  });

  it('When the generation waits in the server’s queue, then its position and wait are shown, in the detail and in the row', async () => {
    const { stream, opened } = setUp();
    await pressGenerate(ADA.email);
    await opened();
    stream().next(queued(2, 4.5));
    expect(await screen.findByText('Queued on the server: position 2 (about 5 s).')).toBeInTheDocument();
    expect(leadRow(ADA.email)).toHaveTextContent('Queued #2');
    stream().next(queued(1, 1.2));
    expect(await screen.findByText('Queued on the server: position 1 (about 2 s).')).toBeInTheDocument();
    stream().next(started());
    expect(await screen.findByText(/Writing the sequence/)).toBeInTheDocument();
  });

  it('When GenerationFailed arrives after 2 finished touches, then the alert shows the app’s message with the countdown, the 2 touches stay on view and the half-written third is dropped', async () => {
    const { stream, opened, lead } = setUp();
    await pressGenerate(ADA.email);
    await opened();
    for (const result of [started(), delta(1, RAW[0]!), delta(2, RAW[1]!), delta(3, 'Hi Ada, would')]) stream().next(result);
    stream().next(failed('UPSTREAM_UNAVAILABLE', [1, 2], 7));
    stream().complete();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Generating the sequence for Ada Lovelace');
    expect(alert).toHaveTextContent(/Claude or Woodpecker is not available at the moment\. Please try again in [67] seconds\./);
    expect(within(alert).getByRole('button', { name: /^Retry in [67] s$/ })).toBeDisabled();
    expect(document.body.textContent).not.toContain('Server-side text');
    expect(fieldValue('Subject')).toBe(RAW[0]);
    expect(fieldValue('Day 1 email')).toBe(RAW[1]);
    expect(fieldValue('LinkedIn message')).toBe('');
    expect(screen.getByText(/failed after finishing 2 of 7 touches/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(lead().status).toBe('failed');
  });

  it('When a regeneration fails after finishing some touches, then “Show the saved draft” puts the earlier sequence back', async () => {
    const { opened } = setUp((request) =>
      request.variables.input && (request.variables.input as { fresh?: boolean }).fresh
        ? { stream: eventStream([started(), delta(1, 'A different subject line'), failed('UPSTREAM_TIMEOUT', [1])]) }
        : { stream: eventStream(wholeGeneration(RAW, VALIDATED)) },
    );
    await pressGenerate(ADA.email);
    await opened();
    await waitFor(() => expect(fieldValue('Follow-up 4')).toBe('Last note from me.'));
    await pressGenerate(ADA.email, 'Regenerate');
    await opened(2);
    await waitFor(() => expect(fieldValue('Subject')).toBe('A different subject line'));
    await userEvent.click(screen.getByRole('button', { name: 'Show the saved draft' }));
    expect(fieldValue('Subject')).toBe(VALIDATED[0]);
    expect(fieldValue('Follow-up 4')).toBe('Last note from me.');
  });

  it('When Cancel is pressed while the sequence streams, then the subscription’s request is closed and the lead returns to its status', async () => {
    const { streams, stream, opened, lead } = setUp();
    await pressGenerate(ADA.email);
    await opened();
    stream().next(started());
    stream().next(delta(1, 'Quick idea'));
    await waitFor(() => expect(fieldValue('Subject')).toBe('Quick idea'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await waitFor(() => expect(stream().closedByClient).toBe(true));
    expect(streams[0]!.request.signal?.aborted).toBe(true);
    expect(await screen.findByText('Generation cancelled.')).toBeInTheDocument();
    expect(lead().status).toBe('imported');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('When the server refuses the subscription over the per-client limit, then the alert counts down from its retryAfterSeconds', async () => {
    const { opened } = setUp(() => ({ stream: eventStream([{ errors: [bffError('RATE_LIMITED', { retryable: true, retryAfterSeconds: 42 })] }]) }));
    await pressGenerate(ADA.email);
    await opened();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/too many requests in a short time\. Please try again in (42|41) seconds\./);
    expect(within(alert).getByRole('button', { name: /^Retry in \d+ s$/ })).toBeDisabled();
  });

  it('When the stream route answers 401 in the GraphQL error shape, then the alert asks for an access token', async () => {
    const { opened, lead } = setUp(() => ({
      http: { status: 401, contentType: 'application/graphql-response+json', body: JSON.stringify({ errors: [bffError('UNAUTHENTICATED')] }) },
    }));
    await pressGenerate(ADA.email);
    await opened();
    expect(await screen.findByRole('alert')).toHaveTextContent('The server needs a valid access token');
    expect(lead().status).toBe('failed');
  });

  it('When a lead with a sequence is regenerated, then the input says fresh: true; its first generation did not', async () => {
    const { streams, opened } = setUp(() => ({ stream: eventStream(wholeGeneration(RAW, VALIDATED)) }));
    await pressGenerate(ADA.email);
    await opened();
    await waitFor(() => expect(fieldValue('Follow-up 4')).toBe('Last note from me.'));
    await pressGenerate(ADA.email, 'Regenerate');
    await opened(2);
    expect(streams.map((s) => (s.request.variables.input as { fresh?: boolean }).fresh)).toEqual([undefined, true]);
  });
});
