/**
 * References in the text of GitHub work, as edges: to issues, pull requests, comments, reviews
 * and commits of the loaded repositories by their addresses, to accounts as typed @mentions
 * (a link to an account's profile counts as a mention), and to anything else by URL (`core/url/<url>`), which the instance resolves to another
 * plugin's node when one has that URL. References to nothing known are dropped.
 */
import { edgeAddressBetween, hasPrefix, type NodeAddress } from '../../core/address.js';
import { urlAddress } from '../../core/urlReference.js';
import { EDGE_PREFIX, NODE_PREFIX } from './declaration.js';
import type { GraphBuilder, RepoInfo } from './graphBuilder.js';
import { parseReferences, type Reference } from './references.js';

export function addReferences(builder: GraphBuilder): void {
  for (const { address, repo, text, timestampMs } of builder.texts) {
    for (const reference of parseReferences(text, builder.webHosts)) {
      const target = resolve(builder, reference, repo);
      if (target === undefined || target === address) continue;
      const toAccount =
        reference.kind === 'mention' ||
        (reference.kind === 'profile-url' &&
          builder.logins.get(reference.login.toLowerCase()) === target);
      const prefix = toAccount ? mentionPrefix(target) : EDGE_PREFIX.references;
      builder.graph.mergeEdge({
        address: edgeAddressBetween(prefix, address, target),
        src: address,
        dst: target,
        timestampMs,
      });
    }
  }
}

/** Mentions are typed by the kind of account, so that weights can treat bots apart. */
function mentionPrefix(account: NodeAddress) {
  if (hasPrefix(account, NODE_PREFIX.bot)) return EDGE_PREFIX.mentionsBot;
  if (hasPrefix(account, NODE_PREFIX.org)) return EDGE_PREFIX.mentionsOrg;
  return EDGE_PREFIX.mentionsUser;
}

/** The node a reference names, a `core/url/...` placeholder, or undefined (drop it). */
function resolve(
  builder: GraphBuilder,
  reference: Reference,
  here: RepoInfo,
): NodeAddress | undefined {
  switch (reference.kind) {
    case 'number': {
      const repo = reference.repo === undefined ? here : builder.repoByKey(reference.repo);
      return repo && builder.threadByNumber.get(`${repo.address}#${reference.number}`);
    }
    case 'thread-url': {
      const repo = builder.repoByKey(reference.repo);
      const fragment =
        repo &&
        reference.fragment &&
        builder.byDatabaseId.get(
          `${repo.address}/${reference.fragment.kind}/${reference.fragment.id}`,
        );
      const thread = repo && builder.threadByNumber.get(`${repo.address}#${reference.number}`);
      return fragment ?? thread ?? urlAddress(reference.url);
    }
    case 'commit-url': {
      const repo = builder.repoByKey(reference.repo);
      const found = repo && findCommit(builder, repo, reference.sha);
      return found ?? urlAddress(reference.url);
    }
    case 'sha':
      return findCommit(builder, here, reference.sha);
    case 'mention':
      return builder.logins.get(reference.login.toLowerCase());
    case 'profile-url':
      return builder.logins.get(reference.login.toLowerCase()) ?? urlAddress(reference.url);
    case 'url':
      return urlAddress(reference.url);
  }
}

function findCommit(builder: GraphBuilder, repo: RepoInfo, sha: string): NodeAddress | undefined {
  const commits = builder.commits.get(repo.address);
  if (commits === undefined) return undefined;
  const exact = commits.get(sha);
  if (exact !== undefined || sha.length === 40) return exact;
  const matches = [...commits.keys()].filter((oid) => oid.startsWith(sha));
  return matches.length === 1 ? commits.get(matches[0] as string) : undefined;
}
