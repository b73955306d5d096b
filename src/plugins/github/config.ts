/**
 * The GitHub plugin's settings (`plugins.github` in cred.json) and its secret. Settings are
 * validated strictly, with errors naming the field; the token comes only from the environment
 * and is never echoed, logged or written.
 */
import * as z from 'zod';
import { ConfigError } from '../../core/errors.js';
import { parseWithSchema } from '../../core/validation.js';

export const DEFAULT_API_URL = 'https://api.github.com';

const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

const configSchema = z.strictObject({
  /** Repositories to load, as "owner/name". */
  repositories: z
    .array(z.string().regex(REPOSITORY, { message: 'expected "owner/name"' }))
    .min(1, { message: 'expected at least one repository, e.g. ["octo-org/octo-repo"]' }),
  /** GraphQL API root: https://api.github.com, or https://HOST/api for GitHub Enterprise Server. */
  apiUrl: z
    .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
    .default(DEFAULT_API_URL),
  /** Logins of user accounts that are bots (GitHub Apps are recognised without this). */
  bots: z.array(z.string().min(1)).default([]),
  /** Seconds before a request is abandoned; a timed-out page is retried at half the size. */
  timeoutSeconds: z.number().positive().max(600).default(60),
  /**
   * Days after which a load re-reads everything instead of what changed, to catch what
   * GitHub's update times miss (reactions, deletions). 0 turns full refreshes off.
   */
  fullRefreshDays: z.number().nonnegative().default(7),
});

export type GithubConfig = z.infer<typeof configSchema>;

export function parseGithubConfig(raw: unknown, where: string): GithubConfig {
  const config = parseWithSchema(
    configSchema,
    raw,
    where,
    'CONFIG_INVALID',
    'Fix "{field}" of the github plugin in cred.json (docs/formats.md, "GitHub plugin").',
  );
  const seen = new Set<string>();
  for (const repository of config.repositories) {
    const key = repository.toLowerCase();
    if (seen.has(key)) {
      throw new ConfigError(
        'CONFIG_INVALID',
        `${where}: field "repositories": "${repository}" is listed twice`,
        { suggestions: ['List each repository once.'] },
      );
    }
    seen.add(key);
  }
  return config;
}

/** The token from the environment, or a ConfigError saying how to make one. */
export function githubToken(env: Readonly<Record<string, string | undefined>>): string {
  const token = env.GITHUB_TOKEN?.trim();
  if (token === undefined || token === '') {
    throw new ConfigError('GITHUB_TOKEN_MISSING', 'GITHUB_TOKEN is not set in the environment', {
      suggestions: [
        'Create a token at https://github.com/settings/tokens: a fine-grained token with read-only access to the repositories (metadata, issues, pull requests, contents), or a classic token (no scope for public repositories, "repo" for private ones).',
        'Then run: GITHUB_TOKEN=<token> cred load',
      ],
    });
  }
  return token;
}
