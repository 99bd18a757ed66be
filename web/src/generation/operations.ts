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

/**
 * One generation as a stream of events (graphql-sse at /graphql/stream): queued while it waits for Claude's
 * quota, started, each touch's text as Claude writes it, then the validated sequence or the failure.
 */
export const GenerateContentStreamSubscription = graphql(`
  subscription GenerateContentStream($input: GenerateContentInput!) {
    generateContentStream(input: $input) {
      ... on GenerationQueued {
        position
        etaSeconds
      }
      ... on GenerationStarted {
        model
      }
      ... on SnippetDelta {
        snippet
        text
      }
      ... on GenerationCompleted {
        content {
          snippet1
          snippet2
          snippet3
          snippet4
          snippet5
          snippet6
          snippet7
          model
          generatedAt
        }
      }
      ... on GenerationFailed {
        code
        retryable
        retryAfterSeconds
        completedSnippets
      }
    }
  }
`);

/** What a generation of this input would take (tokens, cost range, time), asked before generating. */
export const EstimateGenerationQuery = graphql(`
  query EstimateGeneration($input: GenerateContentInput!) {
    estimateGeneration(input: $input) {
      inputTokens
      maxOutputTokens
      minCostUsd
      maxCostUsd
      etaSeconds
    }
  }
`);
