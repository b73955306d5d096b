/**
 * What Open Collective's failures mean for cred, as errors with stable codes. The API answers
 * in three ways when something is wrong: an HTTP status without GraphQL (401 for a bad token,
 * 429 over the rate limit, 5xx), HTTP 400 with `errors[]` for a document or variables it
 * refuses, and HTTP 200 with `errors[]` whose `extensions.code` says why a resolver refused
 * (Forbidden for a token without the right scope, Unauthorized, RateLimitExceeded, ...).
 *
 * Messages never carry the token or the variables sent (they may hold a payee's email): the
 * server's own message is kept, with anything that looks like an email address masked.
 */
import { PayoutError, PluginFetchError, type CredError } from '../../core/errors.js';

/** Codes of failures after which a request may or may not have been carried out. */
export const TRANSIENT_CODES = new Set([
  'OPENCOLLECTIVE_TIMEOUT',
  'OPENCOLLECTIVE_UNREACHABLE',
  'OPENCOLLECTIVE_SERVER_ERROR',
]);

export function isTransient(error: unknown): boolean {
  return error instanceof PluginFetchError && TRANSIENT_CODES.has(error.code);
}

export interface GraphqlErrorJson {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown } | null;
}

const RERUN =
  'Run the command again later: it looks up what was already filed before filing anything.';

const EMAIL = /[^\s"'<>(),;:@]+@[^\s"'<>(),;:@]+\.[A-Za-z]{2,}/g;

/** `text` with email addresses replaced, so a server message cannot leak a payee's email. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '<email>');
}

function serverMessage(errors: readonly GraphqlErrorJson[]): string {
  const first = errors[0];
  const text = typeof first?.message === 'string' ? first.message : 'no message';
  return maskEmails(text).slice(0, 500);
}

function errorCode(errors: readonly GraphqlErrorJson[]): string | undefined {
  const code = errors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether GraphQL errors say "slow down" (the per-user limit of draft invitations). */
export function isRateLimitError(errors: readonly GraphqlErrorJson[]): boolean {
  return errorCode(errors) === 'RateLimitExceeded';
}

/** Turns GraphQL errors of an answer (HTTP 200 or 400) into a CredError. */
export function graphqlFailure(
  operation: string,
  status: number,
  errors: readonly GraphqlErrorJson[],
  url: string,
): CredError {
  const message = serverMessage(errors);
  const code = errorCode(errors);
  const scope = /scope "([a-zA-Z]+)"/.exec(message)?.[1];
  if (code === 'Forbidden' && scope !== undefined) {
    return new PayoutError(
      'OPENCOLLECTIVE_SCOPE',
      `Open Collective refused ${operation}: the token lacks the "${scope}" scope (${message})`,
      {
        suggestions: [
          `Create a personal token with the "${scope}" scope (Open Collective: your account's settings, "For developers", "Personal tokens") and export it as OPENCOLLECTIVE_TOKEN.`,
          'Nothing was filed; run the command again with the new token.',
        ],
      },
    );
  }
  if (code === 'Unauthorized' || code === 'Forbidden') {
    return new PayoutError(
      'OPENCOLLECTIVE_FORBIDDEN',
      `Open Collective refused ${operation}: ${message}`,
      {
        suggestions: [
          'Check that OPENCOLLECTIVE_TOKEN belongs to a user who may submit expenses to the collective (payout.opencollective.collective in cred.json).',
        ],
      },
    );
  }
  if (status === 400 || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT') {
    return new PayoutError(
      'OPENCOLLECTIVE_BAD_REQUEST',
      `Open Collective rejected ${operation} as invalid: ${message}`,
      {
        suggestions: [
          'This is a bug in cred or a change in the Open Collective API: please report it with this message.',
        ],
      },
    );
  }
  return new PayoutError(
    'OPENCOLLECTIVE_REJECTED',
    `Open Collective refused ${operation}${code === undefined ? '' : ` (${code})`}: ${message}`,
    {
      suggestions: [
        'Fix what the message names on Open Collective or in cred.json, then run the command again; it skips what was already filed.',
      ],
      ref: url,
    },
  );
}

/** An HTTP status without a usable GraphQL answer. */
export function httpFailure(operation: string, status: number, url: string): PluginFetchError {
  if (status === 401) {
    return new PluginFetchError(
      'OPENCOLLECTIVE_UNAUTHORIZED',
      `Open Collective refused the token for ${operation} (HTTP 401)`,
      {
        url,
        status,
        suggestions: [
          'Export a valid personal token as OPENCOLLECTIVE_TOKEN (Open Collective: settings, "For developers", "Personal tokens").',
        ],
      },
    );
  }
  if (status >= 500) {
    return new PluginFetchError(
      'OPENCOLLECTIVE_SERVER_ERROR',
      `Open Collective failed on ${operation} (HTTP ${status})`,
      { url, status, suggestions: [RERUN] },
    );
  }
  return new PluginFetchError(
    'OPENCOLLECTIVE_HTTP_ERROR',
    `Open Collective answered ${operation} with HTTP ${status}`,
    { url, status, suggestions: [RERUN] },
  );
}

/** The request did not complete: no answer in time, or no connection. */
export function networkFailure(
  operation: string,
  error: unknown,
  url: string,
  timeoutMs: number,
): PluginFetchError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PluginFetchError(
      'OPENCOLLECTIVE_TIMEOUT',
      `Open Collective did not answer ${operation} within ${Math.round(timeoutMs / 1000)} s`,
      { url, suggestions: [RERUN] },
    );
  }
  return new PluginFetchError(
    'OPENCOLLECTIVE_UNREACHABLE',
    `Open Collective could not be reached for ${operation} (${describeNetworkError(error)})`,
    { url, suggestions: ['Check the network and payout.opencollective.apiUrl.', RERUN] },
  );
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return maskEmails(cause.message).slice(0, 200);
  return error instanceof Error ? maskEmails(error.message).slice(0, 200) : 'unknown error';
}

/** An answer that is not what the operation asked for. */
export function malformedAnswer(operation: string, detail: string, url: string): PluginFetchError {
  return new PluginFetchError(
    'OPENCOLLECTIVE_MALFORMED',
    `Open Collective's answer to ${operation} is not what cred expects: ${maskEmails(detail)}`,
    { url, suggestions: [RERUN, 'If it persists, the API may have changed: please report it.'] },
  );
}
