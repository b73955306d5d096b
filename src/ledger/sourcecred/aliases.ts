/**
 * SourceCred alias addresses ("N\0sourcecred\0github\0USERLIKE\0USER\0octocat\0") as cred
 * aliases. GitHub accounts, and Discourse accounts of the forum the instance is configured
 * for, become login aliases (`github/login/octocat`) that cred's plugins claim on their next
 * load. Every other account (Discord members, Ethereum addresses, another forum's users,
 * external plugins) is kept as an account of a named foreign platform,
 * `foreign/<platform>/<SourceCred's parts>`, so that a later plugin for that platform can claim
 * it the same way; nothing is dropped.
 */
import { nodeAddress } from '../../core/address.js';
import { loginAlias } from '../../core/identity.js';

export interface MappedAlias {
  readonly alias: string;
  readonly platform: string;
  /** True when a cred plugin claims it (github, discourse of the configured forum). */
  readonly credPlugin: boolean;
}

export type AliasResult =
  | { readonly kind: 'alias'; readonly mapped: MappedAlias }
  /** The innate address of another SourceCred identity (cred's merge already covers it). */
  | { readonly kind: 'identity'; readonly scId: string };

/** The parts of a SourceCred node address. */
export function scAddressParts(address: string): string[] {
  return address.split('\0').slice(1, -1);
}

/** A forum URL without its trailing slashes, lower-cased host, for comparisons. */
export function normalizeServerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.replace(/\/+$/, '');
  }
}

export function mapScAlias(address: string, discourseServerUrl: string | null): AliasResult {
  const parts = scAddressParts(address);
  const [owner, plugin, ...rest] = parts;
  if (owner === 'sourcecred' && plugin === 'core' && rest[0] === 'IDENTITY' && rest.length === 2)
    return { kind: 'identity', scId: rest[1] as string };
  if (owner === 'sourcecred' && plugin === 'github' && rest[0] === 'USERLIKE' && rest.length === 3)
    return credAlias('github', loginAlias('github', rest[2] as string));
  if (owner === 'sourcecred' && plugin === 'discourse' && rest[0] === 'user' && rest.length === 3) {
    const server = normalizeServerUrl(rest[1] as string);
    if (discourseServerUrl !== null && server === normalizeServerUrl(discourseServerUrl))
      return credAlias('discourse', loginAlias('discourse', rest[2] as string));
    return foreign('discourse', [hostOf(server), rest[2] as string]);
  }
  if (owner === 'sourcecred' && plugin !== undefined) return foreign(plugin, rest);
  return foreign(owner ?? 'unknown', plugin === undefined ? [] : [plugin, ...rest]);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

function credAlias(platform: string, alias: string): AliasResult {
  return { kind: 'alias', mapped: { alias, platform, credPlugin: true } };
}

function foreign(platform: string, parts: readonly string[]): AliasResult {
  const name = platform.toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'unknown';
  const tail = parts.length === 0 ? ['-'] : parts;
  return {
    kind: 'alias',
    mapped: { alias: nodeAddress(['foreign', name, ...tail]), platform: name, credPlugin: false },
  };
}
