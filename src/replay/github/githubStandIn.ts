/**
 * A loopback stand-in for GitHub's GraphQL API at `<url>/github/graphql` (so a client's
 * `baseUrl`, cred's `apiUrl`, is `<url>/github`). It answers the way GitHub does: it parses and
 * validates each query against GitHub's published schema, refuses connections without
 * `first`/`last` or over the 500,000-node limit, executes the query over a dataset (see
 * dataset.ts), and sets the `x-ratelimit-*` headers with a points budget per hour. Errors come
 * back as GitHub shapes them: HTTP 200 with `errors[]` carrying a `type`, or 401 for a missing
 * token. Faults (rate limits, slow or malformed answers) are injected with `inject()`; see
 * faults.ts.
 */
import type { Express, Request, Response } from 'express';
import { execute, GraphQLError, parse, validate, type DocumentNode } from 'graphql';
import { startStandIn, type LoggedRequest, type StandIn } from '../standIn.js';
import type { GithubDataset } from './dataset.js';
import { buildModel, type GithubModel } from './model.js';
import { queryCost } from './queryCost.js';
import { githubSchema } from './schema.js';

export const GITHUB_MOUNT = '/github';

export interface GithubStandInOptions {
  /** Clock for the `date` and rate-limit headers (default: the wall clock). */
  readonly nowMs?: () => number;
  /** When set, any other token is refused with 401 "Bad credentials". */
  readonly token?: string;
  /** Points per hour (GitHub's is 5,000 for a personal token). */
  readonly pointsPerHour?: number;
  /** Web host of URLs in answers. */
  readonly web?: string;
}

export interface GithubState {
  /** The data served; tests may replace or change it between requests. */
  dataset: GithubDataset;
  readonly options: GithubStandInOptions;
  pointsUsed: number;
  windowResetMs: number | null;
}

export interface GithubStandIn extends StandIn {
  readonly state: GithubState;
  /** The `apiUrl` to give cred: `<url>/github`. */
  readonly apiUrl: string;
}

interface GraphqlBody {
  readonly query?: unknown;
  readonly variables?: unknown;
  readonly operationName?: unknown;
}

/** Adds the GitHub routes to an express app (for a stand-in serving several platforms). */
export function mountGithub(app: Express, state: GithubState): void {
  app.post(`${GITHUB_MOUNT}/graphql`, (request: Request, response: Response) => {
    answer(state, request, response);
  });
}

export async function startGithubStandIn(
  dataset: GithubDataset,
  options: GithubStandInOptions = {},
): Promise<GithubStandIn> {
  const state: GithubState = { dataset, options, pointsUsed: 0, windowResetMs: null };
  const standIn = await startStandIn((app) => mountGithub(app, state));
  return Object.assign(standIn, { state, apiUrl: `${standIn.url}${GITHUB_MOUNT}` });
}

/** The operation name of a logged GraphQL request (`query CredIssues(...)` gives CredIssues). */
export function operationName(request: LoggedRequest): string | undefined {
  const body = request.body as GraphqlBody | undefined;
  if (typeof body?.operationName === 'string') return body.operationName;
  if (typeof body?.query !== 'string') return undefined;
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(body.query)?.[1];
}

/** The variables of a logged GraphQL request. */
export function operationVariables(request: LoggedRequest): Record<string, unknown> {
  const body = request.body as GraphqlBody | undefined;
  return (body?.variables as Record<string, unknown> | undefined) ?? {};
}

function answer(state: GithubState, request: Request, response: Response): void {
  const nowMs = (state.options.nowMs ?? Date.now)();
  response.setHeader('date', new Date(nowMs).toUTCString());
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (token === undefined || (state.options.token !== undefined && token !== state.options.token)) {
    response.status(401).json({
      message:
        token === undefined ? 'This endpoint requires you to be authenticated.' : 'Bad credentials',
      documentation_url:
        'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
    });
    return;
  }
  const body = (request.body ?? {}) as GraphqlBody;
  if (typeof body.query !== 'string') {
    response.status(400).json({ message: 'Problems parsing JSON' });
    return;
  }
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const name = typeof body.operationName === 'string' ? body.operationName : undefined;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    sendJson(state, response, nowMs, 1, { errors: [formatError(error as GraphQLError)] });
    return;
  }
  const invalid = validate(githubSchema(), document);
  if (invalid.length > 0) {
    sendJson(state, response, nowMs, 1, { errors: invalid.map(formatError) });
    return;
  }
  const cost = queryCost(githubSchema(), document, variables, name);
  if (cost.problems.length > 0) {
    sendJson(state, response, nowMs, 1, { errors: cost.problems });
    return;
  }
  charge(state, nowMs, cost.cost);
  const model = buildModel(state.dataset, state.options.web);
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: rootValue(state, model, nowMs, cost),
    variableValues: variables,
    operationName: name,
  }) as { data?: unknown; errors?: readonly GraphQLError[] };
  const json = {
    data: result.data ?? null,
    ...(result.errors ? { errors: result.errors.map(formatError) } : {}),
  };
  sendJson(state, response, nowMs, 0, json);
}

function rootValue(
  state: GithubState,
  model: GithubModel,
  nowMs: number,
  cost: { cost: number; nodeCount: number },
) {
  return {
    repository: (args: { owner: string; name: string }) => {
      const repository = model.repository(args.owner, args.name);
      if (repository === undefined) {
        throw new GraphQLError(
          `Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`,
          { extensions: { type: 'NOT_FOUND' } },
        );
      }
      return repository;
    },
    node: (args: { id: string }) => {
      const node = model.node(args.id);
      if (node === undefined) {
        throw new GraphQLError(`Could not resolve to a node with the global id of '${args.id}'`, {
          extensions: { type: 'NOT_FOUND' },
        });
      }
      return node;
    },
    nodes: (args: { ids: string[] }) => args.ids.map((id) => model.node(id) ?? null),
    rateLimit: () => ({
      cost: cost.cost,
      nodeCount: cost.nodeCount,
      ...budget(state, nowMs),
      resetAt: new Date(window(state, nowMs)).toISOString().replace('.000Z', 'Z'),
    }),
  };
}

function window(state: GithubState, nowMs: number): number {
  if (state.windowResetMs === null || nowMs >= state.windowResetMs) {
    state.windowResetMs = nowMs + 3_600_000;
    state.pointsUsed = 0;
  }
  return state.windowResetMs;
}

function charge(state: GithubState, nowMs: number, points: number): void {
  window(state, nowMs);
  state.pointsUsed += points;
}

function budget(state: GithubState, nowMs: number) {
  window(state, nowMs);
  const limit = state.options.pointsPerHour ?? 5000;
  return { limit, used: state.pointsUsed, remaining: Math.max(0, limit - state.pointsUsed) };
}

function sendJson(
  state: GithubState,
  response: Response,
  nowMs: number,
  extraPoints: number,
  json: unknown,
): void {
  if (extraPoints > 0) charge(state, nowMs, extraPoints);
  const { limit, used, remaining } = budget(state, nowMs);
  response.setHeader('x-ratelimit-limit', String(limit));
  response.setHeader('x-ratelimit-remaining', String(remaining));
  response.setHeader('x-ratelimit-used', String(used));
  response.setHeader('x-ratelimit-reset', String(Math.floor(window(state, nowMs) / 1000)));
  response.setHeader('x-ratelimit-resource', 'graphql');
  response.status(200).json(json);
}

/** GitHub's error shape: `type` beside `message`, `path` and `locations`. */
function formatError(error: GraphQLError): Record<string, unknown> {
  const type = error.extensions?.type;
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}
