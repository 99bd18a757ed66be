import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../context';

/** graphql-js's hint in validation messages: ` Did you mean "model"?`, or a list of names. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Production hides the schema names graphql-js suggests in validation messages ("Did you mean …?"): with
 * introspection off they would still spell out the schema to whoever probes it. Used by both routes.
 */
export function withoutFieldSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** On /graphql: every error of a request, before formatError sees it. */
export function fieldSuggestionsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutFieldSuggestions(error.message);
        },
      };
    },
  };
}
