import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bffError, eventStream, type FakeAnswer, type FakeRequest } from '../../test/fake-bff';
import { ESTIMATE, testApp } from '../../test/render';
import { ADA, pressGenerate, Workspace } from '../../test/workspace';

const png = (name: string, size = 2048) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const pdf = (name: string) => new File(['%PDF-1.4 …'], name, { type: 'application/pdf' });

function uploaded(request: FakeRequest, n: number): FakeAnswer {
  const file = request.form?.get('file') as File;
  return { http: { status: 201, body: JSON.stringify({ id: `att_${n}`, filename: file.name, mimeType: file.type, sizeBytes: file.size }) } };
}

/** The app with an upload route that answers with `upload` (a stored file by default) and a delete that succeeds. */
function setUp(upload: (request: FakeRequest, n: number) => FakeAnswer = uploaded) {
  let uploads = 0;
  const app = testApp((request) => {
    if (request.url === 'http://bff.test/attachments') return upload(request, ++uploads);
    if (request.operationName === 'ContentModels') return { data: { __typename: 'Query', contentModels: [] } };
    if (request.operationName === 'EstimateGeneration') return { data: { __typename: 'Query', estimateGeneration: ESTIMATE } };
    if (request.operationName === 'DeleteAttachment') return { data: { __typename: 'Mutation', deleteAttachment: true } };
    if (request.operationName === 'GenerateContentStream') return { stream: eventStream([]) };
    throw new Error(`unexpected ${request.operationName || request.url}`);
  });
  app.services.leads.importLeads([ADA]);
  app.render(<Workspace />);
  const uploadRequests = () => app.bff.requests.filter((r) => r.url === 'http://bff.test/attachments');
  const list = () => screen.getByRole('list', { name: 'Attached files' });
  return { app, uploadRequests, list };
}

const picker = () => screen.getByLabelText('Attach files');

describe('Attachments', () => {
  it('When a PNG and a PDF are picked, then each is uploaded as multipart “file” with the preflight header and listed with its name and size', async () => {
    const { uploadRequests, list } = setUp();
    await userEvent.upload(picker(), [png('one-pager.png', 3 * 1024), pdf('case-study.pdf')]);

    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(2));
    await waitFor(() => expect(list()).not.toHaveTextContent('uploading'));
    const [first, second] = uploadRequests();
    expect(first).toMatchObject({ method: 'POST' });
    expect(first!.headers.get('apollo-require-preflight')).toBe('true');
    expect((first!.form?.get('file') as File).name).toBe('one-pager.png');
    expect((second!.form?.get('file') as File).name).toBe('case-study.pdf');
    expect(list()).toHaveTextContent('one-pager.png');
    expect(list()).toHaveTextContent('3 KB');
    expect(list()).toHaveTextContent('case-study.pdf');
  });

  it('When files are attached, then the estimate and the generation carry their ids', async () => {
    const { app, list } = setUp();
    await userEvent.click(screen.getByRole('button', { name: 'Ada Lovelace' }));
    await userEvent.upload(picker(), [png('a.png'), png('b.png')]);
    await waitFor(() => expect(list()).not.toHaveTextContent('uploading'));
    const estimated = () => app.bff.requests.filter((r) => r.operationName === 'EstimateGeneration').map((r) => r.variables.input);
    await waitFor(() => expect(estimated()).toContainEqual({ lead: ADA, attachmentIds: ['att_1', 'att_2'] }));

    await pressGenerate(ADA.email);
    await waitFor(() => expect(app.bff.requests.some((r) => r.operationName === 'GenerateContentStream')).toBe(true));
    expect(app.bff.requests.find((r) => r.operationName === 'GenerateContentStream')!.variables.input).toEqual({ lead: ADA, attachmentIds: ['att_1', 'att_2'] });
  });

  it('When 5 files are picked, then 4 are uploaded, the fifth is reported in the alert, and the picker is disabled until one is removed', async () => {
    const { uploadRequests, list } = setUp();
    await userEvent.upload(picker(), ['1', '2', '3', '4', '5'].map((n) => png(`slide-${n}.png`)));

    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(4));
    expect(uploadRequests()).toHaveLength(4);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Attaching “slide-5.png”');
    expect(alert).toHaveTextContent('A generation takes at most 4 files');
    expect(picker()).toBeDisabled();

    await waitFor(() => expect(list()).not.toHaveTextContent('uploading'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove slide-2.png' }));
    expect(within(list()).getAllByRole('listitem')).toHaveLength(3);
    expect(picker()).toBeEnabled();
  });

  it('When Remove is pressed, then the file leaves the list and deleteAttachment is called with its id', async () => {
    const { app, list } = setUp();
    await userEvent.upload(picker(), [png('one-pager.png')]);
    await waitFor(() => expect(list()).not.toHaveTextContent('uploading'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove one-pager.png' }));

    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
    await waitFor(() => expect(app.bff.requests.filter((r) => r.operationName === 'DeleteAttachment').map((r) => r.variables)).toEqual([{ id: 'att_1' }]));
    expect(app.services.attachments.readyIds()).toEqual([]);
  });

  it('When the server refuses the file, then it is not listed and the alert says which file types are accepted, never the server’s text', async () => {
    setUp(() => ({ http: { status: 400, body: JSON.stringify({ errors: [bffError('BAD_USER_INPUT', { fields: ['file'] })] }) } }));
    await userEvent.upload(picker(), [png('renamed-program.png')]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Attaching “renamed-program.png”');
    expect(alert).toHaveTextContent('This file was not accepted. Attach a PDF or an image (PNG, JPEG, GIF or WebP) of at most 10 MB.');
    expect(alert).not.toHaveTextContent('Server-side text');
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('When uploads go over the per-client limit, then the alert counts down from retry-after and offers a retry', async () => {
    setUp(() => ({ http: { status: 429, headers: { 'retry-after': '30' }, body: JSON.stringify({ errors: [bffError('RATE_LIMITED', { retryable: true })] }) } }));
    await userEvent.upload(picker(), [png('one-pager.png')]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/too many requests in a short time\. Please try again in (30|29) seconds\./);
    expect(within(alert).getByRole('button', { name: /^Retry in \d+ s$/ })).toBeDisabled();
  });

  it('When a file of another type is dropped, then it is not uploaded and the alert says which types are accepted', async () => {
    const { uploadRequests } = setUp();
    const zone = picker().closest('.attachments')!;
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['MZ…'], 'setup.exe', { type: 'application/x-msdownload' })] } });

    expect(await screen.findByRole('alert')).toHaveTextContent('This file was not accepted');
    expect(uploadRequests()).toEqual([]);
  });

  it('When a PDF is dropped, then it is uploaded like a picked file', async () => {
    const { list } = setUp();
    fireEvent.drop(picker().closest('.attachments')!, { dataTransfer: { files: [pdf('brochure.pdf')] } });
    await waitFor(() => expect(list()).toHaveTextContent('brochure.pdf'));
  });
});
