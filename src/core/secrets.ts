/**
 * Secrets never leave the process: every error, warning and log line a command prints passes
 * through one redactor (src/cli/credCommand.ts), which removes the value of every secret
 * environment variable (as is, URL-encoded and JSON-escaped, since servers echo requests in
 * either form) and any credential a server echoes in a recognizable shape: an Authorization
 * header, a bearer token, or a JSON field named like a token (Feishu's tenant tokens are
 * obtained at run time and never in the environment).
 *
 * DISCOURSE_API_USERNAME is not a secret: it is a public forum account, shown on every post it
 * makes; redacting it would garble every message that names that account.
 */

/** Environment variables holding secrets (DESIGN.md). */
export const SECRET_VARIABLES = [
  'GITHUB_TOKEN',
  'DISCOURSE_API_KEY',
  'FEISHU_APP_SECRET',
  'OPENCOLLECTIVE_TOKEN',
  'KTOKEN_PRIVATE_KEY',
] as const;

export const REDACTED = '[redacted]';

/** Values shorter than this are not treated as secrets (they would match ordinary words). */
const MIN_SECRET_LENGTH = 6;

const SHAPES: readonly RegExp[] = [
  // Authorization: Bearer x / token x / Basic x, in a header dump or a JSON echo.
  /\b(authorization|proxy-authorization|api-key|x-api-key|personal-token)("?\s*[:=]\s*"?)((?:(?:bearer|token|basic)\s+)?)(?!\[redacted\])(?!(?:bearer|token|basic)\s)[^\s",}\]]+/giu,
  /\b(bearer)(\s+)[A-Za-z0-9\-._~+/]+=*/giu,
  /("(?:tenant_access_token|app_access_token|user_access_token|access_token|app_secret|private_key|client_secret)"\s*:\s*")[^"]*/giu,
];

export type Redact = (text: string) => string;

/** A redactor for the secret values in `env` plus `extra` values (tokens obtained at run time). */
export function redactor(
  env: Readonly<Record<string, string | undefined>>,
  extra: readonly string[] = [],
): Redact {
  const values = new Set<string>();
  for (const value of [...SECRET_VARIABLES.map((name) => env[name]), ...extra]) {
    if (value === undefined || value.trim().length < MIN_SECRET_LENGTH) continue;
    for (const form of [
      value,
      value.trim(),
      encodeURIComponent(value),
      JSON.stringify(value).slice(1, -1),
    ])
      values.add(form);
  }
  // Longest first, so a value containing another is removed whole.
  const ordered = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of ordered) out = out.split(value).join(REDACTED);
    out = out.replace(SHAPES[0] as RegExp, `$1$2$3${REDACTED}`);
    out = out.replace(SHAPES[1] as RegExp, `$1$2${REDACTED}`);
    return out.replace(SHAPES[2] as RegExp, `$1${REDACTED}`);
  };
}

/** `value` with every string in it (at any depth) passed through `redact`. */
export function redactDeep(value: unknown, redact: Redact): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactDeep(item, redact)]),
    );
  }
  return value;
}
