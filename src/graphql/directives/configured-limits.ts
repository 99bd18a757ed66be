import { Kind, visit, type DocumentNode } from 'graphql';
import type { Config } from '../../config';

/**
 * The SDL documents each limit with its default; the operator's RATE_LIMIT_* settings replace the `limit`
 * argument before the schema is built, so the running schema and `upstreams`-style introspection agree.
 */
function limitFor(directive: string, parent: string, field: string, limits: Config['rateLimits']): number | undefined {
  if (directive === 'prospectRateLimit') return limits.exportProspects;
  if (directive !== 'rateLimit') return undefined;
  if (parent === 'Query') return limits.read;
  if ((parent === 'Mutation' && field === 'generateContent') || (parent === 'Subscription' && field === 'generateContentStream')) {
    return limits.generate;
  }
  if (parent === 'Mutation' && field === 'addProspectsToCampaign') return limits.export;
  return undefined;
}

export function applyConfiguredLimits(typeDefs: DocumentNode, limits: Config['rateLimits']): DocumentNode {
  let parent = '';
  let field = '';
  return visit(typeDefs, {
    ObjectTypeDefinition: { enter: (node) => void (parent = node.name.value) },
    ObjectTypeExtension: { enter: (node) => void (parent = node.name.value) },
    FieldDefinition: { enter: (node) => void (field = node.name.value) },
    Directive(node) {
      const limit = limitFor(node.name.value, parent, field, limits);
      if (limit === undefined) return undefined;
      return {
        ...node,
        arguments: (node.arguments ?? []).map((arg) =>
          arg.name.value === 'limit' ? { ...arg, value: { kind: Kind.INT, value: String(limit) } } : arg,
        ),
      };
    },
  });
}
