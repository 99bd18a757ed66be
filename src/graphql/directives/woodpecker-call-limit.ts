import {
  getNamedType,
  GraphQLError,
  isObjectType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type GraphQLObjectType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { MAX_PER_PAGE } from '../../datasources/woodpecker/prospect-query';
import { MAX_DUPLICATE_CHECK_PAGES } from '../../datasources/woodpecker/WoodpeckerAPI';

/**
 * A validation rule: the most Woodpecker calls an operation can cause, worked out from its shape before any
 * resolver runs, must fit in what one client may make in a minute (RATE_LIMIT_WOODPECKER_CALLS_PER_MINUTE).
 * An operation that could never finish within the budget is refused at once instead of spending it halfway;
 * the budget itself is charged call by call as the data source issues them.
 */

/** Lists whose length only Woodpecker knows (an account's campaigns, a prospect's): the length assumed. */
export const ASSUMED_CAMPAIGNS = 20;
/** `prospects` without `perPage`. */
const DEFAULT_PER_PAGE = 100;

interface FieldCost {
  /** Calls per object the field is asked on (0 on objects loaded with their details). */
  calls?: (detailed: boolean) => number;
  /** Calls shared by the whole operation (a DataLoader batch, the cached campaign list), by what they load. */
  once?: Record<string, number>;
  /** Objects per parent, for a list. */
  items?: (field: FieldNode) => number;
  /** Its objects arrive with their stats. */
  detailed?: boolean;
}

/** Read from the data source (WoodpeckerAPI): what each field issues, and which ones batch. */
const COSTS: Readonly<Record<string, FieldCost>> = {
  'Query.campaigns': { once: { campaign_list: 1 }, items: () => ASSUMED_CAMPAIGNS },
  'Query.campaign': { calls: () => 1, detailed: true },
  'Query.prospects': { calls: () => 1 },
  'ProspectPage.items': { items: () => 1 },
  'Query.duplicateEmails': { calls: () => MAX_DUPLICATE_CHECK_PAGES },
  // Joined against the cached list; ids missing from it are looked up in one batch per page.
  'Prospect.campaigns': { once: { campaign_list: 1, campaign_lookup: 1 }, items: () => ASSUMED_CAMPAIGNS },
  'Campaign.stats': { calls: (detailed) => (detailed ? 0 : 1) },
};

/** `perPage` as written; a variable may be anything up to Woodpecker's largest page. */
function perPageOf(field: FieldNode): number {
  const value = field.arguments?.find((arg) => arg.name.value === 'perPage')?.value;
  if (!value) return DEFAULT_PER_PAGE;
  return value.kind === Kind.INT ? Number(value.value) : MAX_PER_PAGE;
}

interface Tally {
  calls: number;
  once: Map<string, number>;
}

class CallEstimate {
  private readonly tally: Tally = { calls: 0, once: new Map() };

  constructor(private readonly context: ValidationContext) {}

  total(): number {
    return this.tally.calls + [...this.tally.once.values()].reduce((sum, n) => sum + n, 0);
  }

  /** `times`: how many objects of `type` the selection is asked on; `pageSize`: the enclosing `prospects` page. */
  walk(selections: SelectionSetNode, type: GraphQLObjectType, times: number, detailed: boolean, pageSize: number, fragments: ReadonlySet<string>): void {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        this.walk(selection.selectionSet, type, times, detailed, pageSize, fragments);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = this.context.getFragment(name);
        // A cycle is another rule's error; here it must only not loop.
        if (fragment && !fragments.has(name)) this.walk(fragment.selectionSet, type, times, detailed, pageSize, new Set([...fragments, name]));
      } else {
        this.field(selection, type, times, detailed, pageSize, fragments);
      }
    }
  }

  private field(field: FieldNode, type: GraphQLObjectType, times: number, detailed: boolean, pageSize: number, fragments: ReadonlySet<string>): void {
    const definition = type.getFields()[field.name.value];
    if (!definition) return;
    const cost = COSTS[`${type.name}.${field.name.value}`];
    if (cost?.calls) this.tally.calls += times * cost.calls(detailed);
    for (const [load, calls] of Object.entries(cost?.once ?? {})) this.tally.once.set(load, calls);
    const child = getNamedType(definition.type);
    if (!field.selectionSet || !isObjectType(child)) return;
    const page = type.name === 'Query' && field.name.value === 'prospects' ? perPageOf(field) : pageSize;
    const items = type.name === 'ProspectPage' && field.name.value === 'items' ? page : (cost?.items?.(field) ?? 1);
    this.walk(field.selectionSet, child, times * items, cost?.detailed ?? false, page, fragments);
  }
}

export function woodpeckerCallLimit(callsPerMinute: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const root = context.getSchema().getQueryType();
      if (operation.operation !== 'query' || !root) return;
      const estimate = new CallEstimate(context);
      estimate.walk(operation.selectionSet, root, 1, false, DEFAULT_PER_PAGE, new Set());
      const calls = estimate.total();
      if (calls <= callsPerMinute) return;
      context.reportError(
        new GraphQLError(
          `This operation could cause up to ${calls} Woodpecker calls; a client may cause at most ${callsPerMinute} per minute. ` +
            'Ask for fewer campaigns, statistics or duplicate checks at once.',
          { nodes: [operation] },
        ),
      );
    },
  });
}
