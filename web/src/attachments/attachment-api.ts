import type { ApolloClient } from '@apollo/client';
import type { AttachmentApi } from './attachment-store';
import { uploadAttachment, type UploadOptions } from './attachment-upload';
import { DeleteAttachmentMutation } from './operations';

/** Uploads over plain HTTP (multipart is no GraphQL); deletes with the `deleteAttachment` mutation. */
export function attachmentApi(client: ApolloClient, upload: UploadOptions): AttachmentApi {
  return {
    upload: (file, signal) => uploadAttachment(upload, file, signal),
    delete: async (id) => {
      await client.mutate({ mutation: DeleteAttachmentMutation, variables: { id } });
    },
  };
}
