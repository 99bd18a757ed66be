import { graphql } from '../gql';

/** The models the server allows; the one marked default is preselected. */
export const ContentModelsQuery = graphql(`
  query ContentModels {
    contentModels {
      id
      isDefault
    }
  }
`);

/** One whole sequence per call: the transport generation uses until the streaming subscription exists. */
export const GenerateContentMutation = graphql(`
  mutation GenerateContent($input: GenerateContentInput!) {
    generateContent(input: $input) {
      snippet1
      snippet2
      snippet3
      snippet4
      snippet5
      snippet6
      snippet7
      model
      generatedAt
      usage {
        inputTokens
        outputTokens
      }
    }
  }
`);
