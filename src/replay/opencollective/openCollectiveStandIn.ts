/**
 * A loopback stand-in for Open Collective's GraphQL API v2 at `<url>/opencollective/graphql/v2`
 * (cred's `payout.opencollective.apiUrl`). It answers as the API does: a `Personal-Token` header
 * (or `personalToken` parameter) names the caller, 100 requests a minute per token (10 per IP
 * anonymously) then HTTP 429 with `X-RateLimit-*` and `Retry-After`; every document is parsed
 * and validated against Open Collective's published schema and its variables coerced with
 * graphql-js (`getVariableValues`), refused with HTTP 400 as Apollo refuses them; then it is
 * executed over an in-memory collective (model.ts) whose expenses tests compare with the ledger.
 *
 * Faults: `inject()` (from standIn.ts) answers before anything is done; `injectAfter()` carries
 * the request out and then answers with the fault, which is how a timeout or a 500 after an
 * expense was created looks to a client.
 */
import type { Express, Request, Response } from 'express';
import {
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  answerWithFault,
  startStandIn,
  type Fault,
  type LoggedRequest,
  type StandIn,
} from '../standIn.js';
import type { OpenCollectiveDataset } from './dataset.js';
import { OpenCollectiveModel } from './model.js';
import type { CallContext } from './objects.js';
import { rootResolvers } from './resolvers.js';
import { openCollectiveSchema } from './schema.js';

export const OPENCOLLECTIVE_PATH = '/opencollective/graphql/v2';

export interface OpenCollectiveStandInOptions {
  /** Clock for rate limits and expense dates (default: the wall clock). */
  readonly nowMs?: () => number;
  readonly requestsPerMinute?: number;
  readonly anonymousRequestsPerMinute?: number;
}

/** An operation the stand-in carried out (after validation), with what it answered. */
export interface ExecutedOperation {
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly errorCodes: readonly string[];
}

interface AfterFault {
  readonly match: (request: LoggedRequest) => boolean;
  readonly fault: Fault;
  remaining: number;
}

export interface OpenCollectiveState {
  readonly model: OpenCollectiveModel;
  readonly options: OpenCollectiveStandInOptions;
  readonly windows: Map<string, { remaining: number; resetMs: number }>;
  readonly afterFaults: AfterFault[];
  readonly executed: ExecutedOperation[];
}

export interface OpenCollectiveStandIn extends StandIn {
  readonly model: OpenCollectiveModel;
  /** The `apiUrl` to give cred. */
  readonly apiUrl: string;
  readonly executed: ExecutedOperation[];
  /** Carries out the next `times` requests matching `match`, then answers with `fault`. */
  injectAfter(match: (request: LoggedRequest) => boolean, fault: Fault, times?: number): void;
  /** Faults given to `injectAfter` not yet triggered. */
  pendingAfterFaults(): number;
}

export function mountOpenCollective(app: Express, state: OpenCollectiveState): void {
  app.post(OPENCOLLECTIVE_PATH, (request: Request, response: Response) => {
    void answer(state, request, response);
  });
}

export async function startOpenCollectiveStandIn(
  dataset: OpenCollectiveDataset,
  options: OpenCollectiveStandInOptions = {},
): Promise<OpenCollectiveStandIn> {
  openCollectiveSchema();
  const state: OpenCollectiveState = {
    model: new OpenCollectiveModel(dataset),
    options,
    windows: new Map(),
    afterFaults: [],
    executed: [],
  };
  const standIn = await startStandIn((app) => mountOpenCollective(app, state));
  return Object.assign(standIn, {
    model: state.model,
    apiUrl: `${standIn.url}${OPENCOLLECTIVE_PATH}`,
    executed: state.executed,
    injectAfter: (match: AfterFault['match'], fault: Fault, times = 1) => {
      state.afterFaults.push({ match, fault, remaining: times });
    },
    pendingAfterFaults: () => state.afterFaults.reduce((sum, f) => sum + f.remaining, 0),
  });
}

/** The operation name of a logged request (`mutation CredCreateExpense(...)` gives its name). */
export function operationName(request: LoggedRequest): string | undefined {
  const body = request.body as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof body?.operationName === 'string') return body.operationName;
  if (typeof body?.query !== 'string') return undefined;
  return /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(body.query)?.[1];
}

/** Matches requests for one operation. */
export function isOperation(name: string): (request: LoggedRequest) => boolean {
  return (request) => operationName(request) === name;
}

async function answer(state: OpenCollectiveState, request: Request, response: Response) {
  const nowMs = (state.options.nowMs ?? Date.now)();
  const tokenValue = headerToken(request);
  const token = tokenValue === undefined ? null : state.model.token(tokenValue);
  if (token === undefined) {
    response
      .status(401)
      .json({ error: { code: 401, type: 'unauthorized', message: 'Invalid personal token' } });
    return;
  }
  if (
    !withinRateLimit(
      state,
      response,
      nowMs,
      token === null ? `ip:${request.ip}` : `token:${token.value}`,
      token === null,
    )
  )
    return;
  const json = run(state, request.body, { user: token, nowMs });
  const logged = loggedOf(request);
  const fault = state.afterFaults.find((f) => f.remaining > 0 && f.match(logged));
  if (fault !== undefined) {
    fault.remaining--;
    await answerWithFault(response, fault.fault);
    return;
  }
  response.status(json.status).json(json.body);
}

function headerToken(request: Request): string | undefined {
  const header = request.headers['personal-token'];
  if (typeof header === 'string' && header !== '') return header;
  const parameter = request.query.personalToken;
  return typeof parameter === 'string' && parameter !== '' ? parameter : undefined;
}

function loggedOf(request: Request): LoggedRequest {
  return {
    method: request.method,
    path: request.path,
    query: request.query as Record<string, unknown>,
    headers: request.headers,
    body: request.body,
  };
}

/** express-limiter's fixed window, as Open Collective runs it. */
function withinRateLimit(
  state: OpenCollectiveState,
  response: Response,
  nowMs: number,
  key: string,
  anonymous: boolean,
): boolean {
  const total = anonymous
    ? (state.options.anonymousRequestsPerMinute ?? 10)
    : (state.options.requestsPerMinute ?? 100);
  let window = state.windows.get(key);
  if (window === undefined || nowMs > window.resetMs) {
    window = { remaining: total, resetMs: nowMs + 60_000 };
    state.windows.set(key, window);
  }
  window.remaining = Math.max(window.remaining - 1, -1);
  response.setHeader('X-RateLimit-Limit', String(total));
  response.setHeader('X-RateLimit-Reset', String(Math.ceil(window.resetMs / 1000)));
  response.setHeader('X-RateLimit-Remaining', String(Math.max(window.remaining, 0)));
  if (window.remaining >= 0) return true;
  response.setHeader('Retry-After', String((window.resetMs - nowMs) / 1000));
  const message = anonymous
    ? 'Rate limit exceeded. Create a Personal Token to get higher limits.'
    : 'Rate limit exceeded. Contact-us to get higher limits.';
  response.status(429).send({ error: { message } });
  return false;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

function badRequest(code: string, errors: readonly GraphQLError[]): Answer {
  return {
    status: 400,
    body: { errors: errors.map((error) => formatError(error, code)) },
  };
}

function run(state: OpenCollectiveState, body: unknown, context: CallContext): Answer {
  const { query, variables, operationName: name } = (body ?? {}) as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') {
    return badRequest('BAD_REQUEST', [
      new GraphQLError('GraphQL operations must contain a non-empty `query`.'),
    ]);
  }
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return badRequest('GRAPHQL_PARSE_FAILED', [error as GraphQLError]);
  }
  const schema = openCollectiveSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return badRequest('GRAPHQL_VALIDATION_FAILED', invalid);
  const operation = getOperationAST(document, typeof name === 'string' ? name : undefined);
  if (operation === null || operation === undefined) {
    return badRequest('BAD_REQUEST', [
      new GraphQLError('Could not determine the operation to run.'),
    ]);
  }
  const given = (variables ?? {}) as Record<string, unknown>;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given);
  if (coerced.errors !== undefined) return badRequest('BAD_USER_INPUT', coerced.errors);
  return executeOperation(state, document, operation, given, context);
}

function executeOperation(
  state: OpenCollectiveState,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  context: CallContext,
): Answer {
  const result = execute({
    schema: openCollectiveSchema(),
    document,
    operationName: operation.name?.value,
    variableValues: variables,
    rootValue: rootResolvers(state.model, context),
  }) as { data?: unknown; errors?: readonly GraphQLError[] };
  const errors = (result.errors ?? []).map((error) => formatError(error, 'INTERNAL_SERVER_ERROR'));
  state.executed.push({
    operationName: operation.name?.value ?? null,
    variables,
    errorCodes: errors.map((error) => error.extensions.code),
  });
  return {
    status: 200,
    body: { data: result.data ?? null, ...(errors.length > 0 ? { errors } : {}) },
  };
}

function formatError(error: GraphQLError, fallbackCode: string) {
  const code = error.extensions?.code;
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: typeof code === 'string' ? code : fallbackCode },
  };
}
