/**
 * GitHub's static checks on a query, before it runs: every connection must say `first` or
 * `last` (1 to 100), the whole call may ask for at most 500,000 nodes, and its rate-limit cost
 * is the number of connection pages it implies, divided by 100 (at least 1). The formulas are
 * GitHub's published ones ("Rate limits and node limits for the GraphQL API"): a connection's
 * node count is its `first` times the product of the `first` values of the connections above
 * it. The stand-in applies them so that a query GitHub would refuse is refused in tests, and
 * the plugin's tests use them to keep its queries well under the limits.
 */
import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type DocumentNode,
  type ValueNode,
} from 'graphql';

export const MAX_NODES = 500_000;
export const MAX_PAGE = 100;

export interface QueryProblem {
  /** GitHub's error type: MISSING_PAGINATION_BOUNDARIES, EXCESSIVE_PAGINATION, MAX_NODE_LIMIT_EXCEEDED. */
  readonly type: string;
  readonly message: string;
}

export interface QueryCost {
  /** Nodes the call may return at most (GitHub's node limit formula). */
  readonly nodeCount: number;
  /** Rate-limit points: connection pages implied / 100, rounded, at least 1. */
  readonly cost: number;
  readonly problems: readonly QueryProblem[];
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  nodeCount: number;
  requests: number;
  readonly problems: QueryProblem[];
}

/** The node count, cost and pagination problems of one operation of `document`. */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  operationName?: string,
): QueryCost {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operations.find((o) => operationName === undefined || o.name?.value === operationName) ??
    operations[0];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const walk: Walk = { schema, fragments, variables, nodeCount: 0, requests: 0, problems: [] };
  const root =
    operation?.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (operation !== undefined && root) visitSelections(walk, operation.selectionSet, root, 1);
  if (walk.nodeCount > MAX_NODES) {
    walk.problems.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${walk.nodeCount} possible nodes which exceeds the maximum limit of ${MAX_NODES}.`,
    });
  }
  return {
    nodeCount: walk.nodeCount,
    cost: Math.max(1, Math.round(walk.requests / 100)),
    problems: walk.problems,
  };
}

function visitSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  multiplier: number,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      visitField(walk, selection, parent, multiplier);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (type) visitSelections(walk, selection.selectionSet, type, multiplier);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && type) visitSelections(walk, fragment.selectionSet, type, multiplier);
    }
  }
}

function visitField(walk: Walk, field: FieldNode, parent: GraphQLNamedType, multiplier: number) {
  if (!(isObjectType(parent) || isInterfaceType(parent)) || field.selectionSet === undefined) {
    return;
  }
  const definition = parent.getFields()[field.name.value];
  if (definition === undefined) return; // validation reports unknown fields
  const type = getNamedType(definition.type);
  let inner = multiplier;
  if (isConnection(type)) {
    const size = pageSize(walk, field);
    if (size === undefined) {
      walk.problems.push({
        type: 'MISSING_PAGINATION_BOUNDARIES',
        message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${field.name.value}\` connection.`,
      });
    } else if (size < 0 || size > MAX_PAGE) {
      walk.problems.push({
        type: 'EXCESSIVE_PAGINATION',
        message: `Requesting ${size} records on the \`${field.name.value}\` connection exceeds the \`first\` limit of ${MAX_PAGE} records.`,
      });
    }
    walk.requests += multiplier;
    inner = multiplier * Math.max(0, size ?? 0);
    walk.nodeCount += inner;
  }
  visitSelections(walk, field.selectionSet, type, inner);
}

function isConnection(type: GraphQLNamedType): boolean {
  return (
    (isObjectType(type) || isInterfaceType(type)) &&
    type.name.endsWith('Connection') &&
    'pageInfo' in type.getFields()
  );
}

function pageSize(walk: Walk, field: FieldNode): number | undefined {
  for (const name of ['first', 'last']) {
    const argument = field.arguments?.find((a) => a.name.value === name);
    if (argument === undefined) continue;
    const value = literal(walk, argument.value);
    if (typeof value === 'number') return value;
  }
  return undefined;
}

function literal(walk: Walk, value: ValueNode): unknown {
  if (value.kind === Kind.VARIABLE) return walk.variables[value.name.value];
  if (value.kind === Kind.INT) return Number(value.value);
  return undefined;
}
