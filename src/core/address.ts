/**
 * Addresses name every node and edge of a contribution graph. An address is a list of parts,
 * written as one string with `/` between parts (`github/pull/octo/repo/12`). Part 0 names the
 * plugin, part 1 the type, the rest is the plugin's own key, derived from content so it is
 * stable across runs. Addresses are typed by prefix, as in SourceCred: weights, budgets and
 * queries match whole leading parts, so `github/pull` matches `github/pull/...` but not
 * `github/pulls/...`.
 *
 * Why `/` rather than SourceCred's NUL separators: weight files are edited by hand and read in
 * pull requests; `github/pull` is legible where `N\0sourcecred\0github\0PULL\0` is not. A part
 * that contains `/` or `%` (a URL, say) is percent-escaped, so splitting stays exact.
 */
import { CredError } from './errors.js';

export type NodeAddress = string & { readonly __brand: 'NodeAddress' };
export type EdgeAddress = string & { readonly __brand: 'EdgeAddress' };
export type Address = NodeAddress | EdgeAddress;

export const ADDRESS_SEPARATOR = '/';

export function escapePart(part: string): string {
  if (part.length === 0) {
    throw new CredError('ADDRESS_EMPTY_PART', 'address parts must not be empty', {
      suggestions: ['Give every part of the address a value.'],
    });
  }
  return part.replaceAll('%', '%25').replaceAll('/', '%2F');
}

export function unescapePart(part: string): string {
  return part.replaceAll('%2F', '/').replaceAll('%25', '%');
}

export function nodeAddress(parts: readonly string[]): NodeAddress {
  return joinParts(parts) as NodeAddress;
}

export function edgeAddress(parts: readonly string[]): EdgeAddress {
  return joinParts(parts) as EdgeAddress;
}

function joinParts(parts: readonly string[]): string {
  if (parts.length === 0) {
    throw new CredError('ADDRESS_EMPTY', 'an address needs at least one part');
  }
  return parts.map(escapePart).join(ADDRESS_SEPARATOR);
}

/** The unescaped parts of an address. */
export function addressParts(address: string): string[] {
  return address.split(ADDRESS_SEPARATOR).map(unescapePart);
}

/** The plugin that owns an address: its first part. */
export function addressPlugin(address: string): string {
  const end = address.indexOf(ADDRESS_SEPARATOR);
  return unescapePart(end === -1 ? address : address.slice(0, end));
}

/** True when `prefix` equals `address` or is a whole-part prefix of it. */
export function hasPrefix(address: string, prefix: string): boolean {
  return (
    address === prefix ||
    (address.startsWith(prefix) && address.charCodeAt(prefix.length) === 47) /* '/' */
  );
}

/** Appends parts to an address (a node type prefix plus a key, say). */
export function extendAddress<A extends Address>(base: A, parts: readonly string[]): A {
  return (parts.length === 0 ? base : `${base}/${parts.map(escapePart).join('/')}`) as A;
}

/**
 * Embeds node addresses into an edge address, each preceded by its part count, so that an
 * edge's address is unique and still splits back into its endpoints (SourceCred's scheme).
 */
export function edgeAddressBetween(
  prefix: EdgeAddress,
  ...nodes: readonly NodeAddress[]
): EdgeAddress {
  const parts: string[] = [];
  for (const node of nodes) {
    const nodeParts = addressParts(node);
    parts.push(String(nodeParts.length), ...nodeParts);
  }
  return extendAddress(prefix, parts);
}

/** All whole-part prefixes of an address, shortest first, the address itself last. */
export function prefixesOf(address: string): string[] {
  const prefixes: string[] = [];
  let index = address.indexOf(ADDRESS_SEPARATOR);
  while (index !== -1) {
    prefixes.push(address.slice(0, index));
    index = address.indexOf(ADDRESS_SEPARATOR, index + 1);
  }
  prefixes.push(address);
  return prefixes;
}
