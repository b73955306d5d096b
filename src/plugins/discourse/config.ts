/**
 * The Discourse plugin's settings in cred.json (`plugins.discourse`) and its secrets from the
 * environment. The forum's address is a setting, so tests and the demo point the same client
 * at a loopback stand-in; the API key and username come only from `DISCOURSE_API_KEY` and
 * `DISCOURSE_API_USERNAME` and never appear in a file, a log or an error.
 */
import * as z from 'zod';
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
  /**
   * Days between full passes, which read every topic again: they see what the API offers no
   * way to notice (edits of any post but a topic's last, trust levels, a like swapped for
   * another on one post). `fullPassDays` is its older name.
   */
  rereadDays: z.number().positive().optional(),
  fullPassDays: z.number().positive().optional(),
  /** Restricted (staff-only) categories to include, by slug or slug path; none by default. */
  includePrivateCategories: z.array(z.string().min(1)).default([]),
  /** Include whispers (staff-only posts); false by default. */
  includeWhispers: z.boolean().default(false),
  /** Pacing; defaults to 55 with an API key and 30 without. */
  requestsPerMinute: z.number().positive().max(60_000).optional(),
});

/** Which private content the instance publishes (docs/formats.md, "Discourse plugin"). */
export interface PrivacyConfig {
  readonly includePrivateCategories: readonly string[];
  readonly includeWhispers: boolean;
}

export const DEFAULT_REREAD_DAYS = 7;

export interface DiscourseConfig extends PrivacyConfig {
  readonly serverUrl: string;
  readonly publicUrl?: string;
  readonly rereadDays: number;
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
  const { fullPassDays, rereadDays, ...rest } = parsed;
  return {
    ...rest,
    rereadDays: rereadDays ?? fullPassDays ?? DEFAULT_REREAD_DAYS,
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
