/**
 * The GitHub plugin's node and edge types with their default weights. They start from
 * SourceCred's GitHub plugin (a merged pull request mints 4, a review 1, everything else 0; cred
 * flows between authors, their work, its parents and what it references) and differ where
 * docs/decisions/0102-github-weights.md says: bots and organizations are their own account
 * types, authorship edges are typed by the kind of account (so a weight file can stop cred
 * flowing to bots), and commits are credited to every co-author GitHub lists.
 *
 * Addresses (docs/decisions/0100-github-addresses.md): `github/<type>/...`, repositories and
 * their content by owner and name as GitHub spells them, accounts by their databaseId (stable
 * across renames; the login is in the description).
 */
import { edgeAddress, nodeAddress } from '../../core/address.js';
import {
  edgeType,
  nodeType,
  type EdgeType,
  type NodeType,
  type PluginDeclaration,
} from '../../core/plugin.js';

export const GITHUB_PLUGIN = 'github';

const node = (...parts: string[]) => nodeAddress([GITHUB_PLUGIN, ...parts]);
const edge = (...parts: string[]) => edgeAddress([GITHUB_PLUGIN, ...parts]);

export const NODE_PREFIX = {
  repo: node('repo'),
  issue: node('issue'),
  pull: node('pull'),
  review: node('review'),
  comment: node('comment'),
  commit: node('commit'),
  user: node('user'),
  bot: node('bot'),
  org: node('org'),
} as const;

export const EDGE_PREFIX = {
  authorsUser: edge('authors', 'user'),
  authorsBot: edge('authors', 'bot'),
  authorsOrg: edge('authors', 'org'),
  hasParent: edge('has-parent'),
  mergedAs: edge('merged-as'),
  references: edge('references'),
  mentionsUser: edge('mentions', 'user'),
  mentionsBot: edge('mentions', 'bot'),
  mentionsOrg: edge('mentions', 'org'),
  reactsThumbsUp: edge('reacts', 'thumbs-up'),
  reactsHeart: edge('reacts', 'heart'),
  reactsHooray: edge('reacts', 'hooray'),
  reactsRocket: edge('reacts', 'rocket'),
} as const;

/** Reactions that carry cred, with their edge types; the other four are ignored. */
export const REACTION_EDGES: Readonly<
  Record<string, (typeof EDGE_PREFIX)[keyof typeof EDGE_PREFIX]>
> = Object.freeze({
  THUMBS_UP: EDGE_PREFIX.reactsThumbsUp,
  HEART: EDGE_PREFIX.reactsHeart,
  HOORAY: EDGE_PREFIX.reactsHooray,
  ROCKET: EDGE_PREFIX.reactsRocket,
});

const nodeTypes: NodeType[] = [
  nodeType(
    'Repository',
    'Repositories',
    NODE_PREFIX.repo,
    0,
    'A repository; the container of its work.',
  ),
  nodeType(
    'Issue',
    'Issues',
    NODE_PREFIX.issue,
    0,
    'An issue; mints nothing itself, passes cred on.',
  ),
  nodeType(
    'Pull request',
    'Pull requests',
    NODE_PREFIX.pull,
    4,
    'A pull request; only merged ones mint (an unmerged one has intrinsic weight 0).',
  ),
  nodeType('Review', 'Reviews', NODE_PREFIX.review, 1, 'A submitted pull request review.'),
  nodeType(
    'Comment',
    'Comments',
    NODE_PREFIX.comment,
    0,
    'A comment on an issue or pull request (github/comment/issue, .../pull) or a review comment (github/comment/review).',
  ),
  nodeType('Commit', 'Commits', NODE_PREFIX.commit, 0, 'A commit on the default branch.'),
  nodeType('User', 'Users', NODE_PREFIX.user, 0, 'A GitHub user account.'),
  nodeType('Bot', 'Bots', NODE_PREFIX.bot, 0, 'A GitHub App or an account listed in "bots".'),
  nodeType('Organization', 'Organizations', NODE_PREFIX.org, 0, 'A GitHub organization.'),
];

const edgeTypes: EdgeType[] = [
  edgeType('authors', 'is authored by', EDGE_PREFIX.authorsUser, 0.5, 1, 'A user to its work.'),
  edgeType(
    'authors',
    'is authored by',
    EDGE_PREFIX.authorsBot,
    0.5,
    0,
    'A bot to its work. Backwards 0: cred stays with the people around the work, not the bot.',
  ),
  edgeType(
    'authors',
    'is authored by',
    EDGE_PREFIX.authorsOrg,
    0.5,
    1,
    'An organization to its work.',
  ),
  edgeType(
    'has parent',
    'has child',
    EDGE_PREFIX.hasParent,
    1,
    0.25,
    'Work to its container: issue or pull request to repository, comment to its thread, review to its pull request.',
  ),
  edgeType(
    'is merged as',
    'merges',
    EDGE_PREFIX.mergedAs,
    0.5,
    1,
    'A merged pull request to its commit.',
  ),
  edgeType(
    'references',
    'is referenced by',
    EDGE_PREFIX.references,
    1,
    0,
    'Text to what it names: #12, owner/repo#12, issue and pull request URLs, commit hashes, other URLs.',
  ),
  edgeType(
    'mentions',
    'is mentioned by',
    EDGE_PREFIX.mentionsUser,
    1,
    0,
    'Text to a user it @mentions.',
  ),
  edgeType(
    'mentions',
    'is mentioned by',
    EDGE_PREFIX.mentionsBot,
    0,
    0,
    'Text to a bot it @mentions (a command such as "@depbot rebase"): carries no cred.',
  ),
  edgeType(
    'mentions',
    'is mentioned by',
    EDGE_PREFIX.mentionsOrg,
    1,
    0,
    'Text to an organization it @mentions.',
  ),
  edgeType('reacts 👍 to', 'is 👍 by', EDGE_PREFIX.reactsThumbsUp, 1, 0, 'A thumbs-up reaction.'),
  edgeType('reacts ❤️ to', 'is ❤️ by', EDGE_PREFIX.reactsHeart, 2, 0, 'A heart reaction.'),
  edgeType('reacts 🎉 to', 'is 🎉 by', EDGE_PREFIX.reactsHooray, 4, 0, 'A hooray reaction.'),
  edgeType('reacts 🚀 to', 'is 🚀 by', EDGE_PREFIX.reactsRocket, 1, 0, 'A rocket reaction.'),
];

export const githubDeclaration: PluginDeclaration = Object.freeze({
  name: GITHUB_PLUGIN,
  title: 'GitHub',
  nodeTypes: Object.freeze(nodeTypes),
  edgeTypes: Object.freeze(edgeTypes),
  userTypes: Object.freeze([NODE_PREFIX.user, NODE_PREFIX.bot, NODE_PREFIX.org]),
});
