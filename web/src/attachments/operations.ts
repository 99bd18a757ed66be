import { graphql } from '../gql';

/** Forgets an uploaded file, on the server and in Claude's file store. */
export const DeleteAttachmentMutation = graphql(`
  mutation DeleteAttachment($id: ID!) {
    deleteAttachment(id: $id)
  }
`);
