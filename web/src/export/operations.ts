import { graphql } from '../gql';

export const CampaignsQuery = graphql(`
  query Campaigns($forceRefresh: Boolean) {
    campaigns(forceRefresh: $forceRefresh) {
      id
      name
      status
      createdAt
    }
  }
`);

export const DuplicateEmailsQuery = graphql(`
  query DuplicateEmails($campaignId: ID!, $emails: [String!]!) {
    duplicateEmails(campaignId: $campaignId, emails: $emails)
  }
`);

export const AddProspectsMutation = graphql(`
  mutation AddProspectsToCampaign($input: AddProspectsInput!) {
    addProspectsToCampaign(input: $input) {
      total
      succeeded
      duplicates
      failed
      errors {
        email
        code
        message
        retryable
      }
    }
  }
`);
