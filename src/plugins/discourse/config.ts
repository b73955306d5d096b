/**
 * The Discourse plugin's settings in cred.json (`plugins.discourse`) and its secrets from the
 * environment. The forum's address is a setting, so tests and the demo point the same client
 * at a loopback stand-in; the API key and username come only from `DISCOURSE_API_KEY` and
 * `DISCOURSE_API_USERNAME` and never appear in a file, a log or an error.
 */
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';

/** Requests per minute: under the 60/min of an admin API key, and gentler when anonymous. */
export const DEFAULT_REQUESTS_PER_MINUTE = { withApiKey: 55, anonymous: 30 } as const;

const serverUrl = z.string().refine(isForumUrl, {
  message: 'expected the forum address, http(s)://host[/path], without credentials or query',
});

const configSchema = z.strictObject({
  /** The forum's base URL (`https://forum.example.org`, or with a subfolder). */
  serverUrl,
  /** Where people see the forum, when cred reads it through another address (see `pageUrl`). */
  publicUrl: serverUrl.optional(),
  /** Days between full passes, which see edits and likes in quiet topics. */
  fullPassDays: z.number().positive().default(7),
  /** Pacing; defaults to 55 with an API key and 30 without. */
  requestsPerMinute: z.number().positive().max(60_000).optional(),
});

export interface DiscourseConfig {
  readonly serverUrl: string;
  readonly publicUrl?: string;
  readonly fullPassDays: number;
  readonly requestsPerMinute?: number;
}

function isForumUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === ''
  );
}

export function parseDiscourseConfig(raw: unknown, where: string): DiscourseConfig {
  const parsed = parseWithSchema(
    configSchema,
    raw,
    where,
    'CONFIG_INVALID',
    'Fix "{field}" of the discourse plugin in cred.json (see docs/formats.md, "Discourse plugin").',
  );
  return {
    ...parsed,
    serverUrl: parsed.serverUrl.replace(/\/+$/, ''),
    ...(parsed.publicUrl === undefined ? {} : { publicUrl: parsed.publicUrl.replace(/\/+$/, '') }),
  };
}

/**
 * The forum's address as its pages and posts show it: `publicUrl` when set, else `serverUrl`.
 * Node URLs are built on it and links to it count as links into the forum, so a forum read
 * through an internal address (a proxy, a container's host name, a loopback stand-in) still
 * gives the URLs people follow, and other plugins' links to those pages find its nodes.
 */
export function pageUrl(config: DiscourseConfig): string {
  return config.publicUrl ?? config.serverUrl;
}

export interface DiscourseCredentials {
  readonly apiKey?: string;
  readonly apiUsername?: string;
}

/** The API key and username from the environment; a username without a key is an error. */
export function discourseCredentials(
  env: Readonly<Record<string, string | undefined>>,
): DiscourseCredentials {
  const apiKey = env.DISCOURSE_API_KEY?.trim() || undefined;
  const apiUsername = env.DISCOURSE_API_USERNAME?.trim() || undefined;
  if (apiUsername !== undefined && apiKey === undefined) {
    throw new ConfigError(
      'DISCOURSE_API_KEY_MISSING',
      'DISCOURSE_API_USERNAME is set but DISCOURSE_API_KEY is not',
      {
        suggestions: [
          'Set DISCOURSE_API_KEY too, or unset DISCOURSE_API_USERNAME to read the forum anonymously.',
        ],
      },
    );
  }
  return {
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(apiUsername === undefined ? {} : { apiUsername }),
  };
}

export function requestsPerMinute(config: DiscourseConfig, credentials: DiscourseCredentials) {
  return (
    config.requestsPerMinute ??
    (credentials.apiKey === undefined
      ? DEFAULT_REQUESTS_PER_MINUTE.anonymous
      : DEFAULT_REQUESTS_PER_MINUTE.withApiKey)
  );
}
