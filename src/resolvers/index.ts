import type { Resolvers } from '../generated/resolvers-types';
import * as attachments from './attachments';
import * as campaigns from './campaigns';
import * as content from './content';
import * as prospects from './prospects';
import * as upstreams from './upstreams';
import * as usage from './usage';

/** One typed map per GraphQL type; each feature folder owns the fields it adds to Query, Mutation and Subscription. */
export const resolvers: Resolvers = {
  Query: { ...campaigns.Query, ...prospects.Query, ...content.Query, ...upstreams.Query, ...usage.Query },
  Mutation: { ...content.Mutation, ...prospects.Mutation, ...attachments.Mutation },
  Subscription: { ...content.Subscription },
  Campaign: campaigns.Campaign,
  Prospect: prospects.Prospect,
  UpstreamStatus: upstreams.UpstreamStatus,
  UpstreamBudget: upstreams.UpstreamBudget,
};
