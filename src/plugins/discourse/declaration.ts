/**
 * The Discourse plugin's types and default weights (SourceCred's Discourse model, with `/`
 * addresses). Cred is minted by likes: each like is a node whose type weight is `discourse/like`
 * and whose own weight is the liker's trust-level weight, so a new account's like mints little
 * and a trusted member's mints more. Likes flow to the liked post, posts to their authors.
 *
 * Contributions carry their category's slug path in their address
 * (`discourse/like/<category>[/<subcategory>]/<postId>/<userId>`), so a weight file weighs a
 * category by prefix: `"discourse/like/memes": 0` stops likes in memes from minting,
 * `"discourse/like/governance": 8` doubles them there (the most specific key wins). Users are
 * keyed by Discourse's numeric user id, which survives renames; the username is only display.
 */
import { edgeAddress, nodeAddress } from '../../core/address.js';
import type { PluginDeclaration } from '../../core/plugin.js';

export const DISCOURSE_PLUGIN = 'discourse';

const node = (type: string) => nodeAddress([DISCOURSE_PLUGIN, type]);
const edge = (...parts: string[]) => edgeAddress([DISCOURSE_PLUGIN, ...parts]);

export const CATEGORY_PREFIX = node('category');
export const TOPIC_PREFIX = node('topic');
export const POST_PREFIX = node('post');
export const LIKE_PREFIX = node('like');
export const USER_PREFIX = node('user');

export const AUTHORS_TOPIC_PREFIX = edge('authors', 'topic');
export const AUTHORS_POST_PREFIX = edge('authors', 'post');
export const CONTAINS_POST_PREFIX = edge('contains-post');
export const TOPIC_HAS_LIKED_POST_PREFIX = edge('topic-has-liked-post');
export const REPLIES_TO_PREFIX = edge('replies-to');
export const CREATES_LIKE_PREFIX = edge('creates-like');
export const LIKES_PREFIX = edge('likes');
export const REFERENCES_POST_PREFIX = edge('references', 'post');
export const REFERENCES_TOPIC_PREFIX = edge('references', 'topic');
export const REFERENCES_USER_PREFIX = edge('references', 'user');
export const REFERENCES_URL_PREFIX = edge('references', 'url');

/**
 * Mint multiplier of a like by the liker's trust level (SourceCred's defaults): new users
 * (TL0) mint nothing, basic users (TL1) a tenth, members (TL2) one, regulars and leaders more.
 * An unknown trust level (a deleted account) mints nothing.
 */
export const TRUST_LEVEL_WEIGHTS: readonly number[] = Object.freeze([0, 0.1, 1, 1.25, 1.5]);

export function trustLevelWeight(trustLevel: number | null): number {
  return trustLevel === null ? 0 : (TRUST_LEVEL_WEIGHTS[trustLevel] ?? 0);
}

const weight = (forwards: number, backwards: number) => Object.freeze({ forwards, backwards });

export const discourseDeclaration: PluginDeclaration = Object.freeze({
  name: DISCOURSE_PLUGIN,
  title: 'Discourse',
  nodeTypes: Object.freeze([
    {
      name: 'Category',
      pluralName: 'Categories',
      prefix: CATEGORY_PREFIX,
      defaultWeight: 0,
      description: 'A forum category; the container of its topics, posts and likes.',
    },
    {
      name: 'Topic',
      pluralName: 'Topics',
      prefix: TOPIC_PREFIX,
      defaultWeight: 0,
      description: 'A topic: discourse/topic/<category path>/<topic id>.',
    },
    {
      name: 'Post',
      pluralName: 'Posts',
      prefix: POST_PREFIX,
      defaultWeight: 0,
      description: 'A post: discourse/post/<category path>/<post id>; earns cred through likes.',
    },
    {
      name: 'Like',
      pluralName: 'Likes',
      prefix: LIKE_PREFIX,
      defaultWeight: 4,
      description:
        "A like: discourse/like/<category path>/<post id>/<user id>; mints this weight times the liker's trust-level weight.",
    },
    {
      name: 'User',
      pluralName: 'Users',
      prefix: USER_PREFIX,
      defaultWeight: 0,
      description: 'A forum account: discourse/user/<user id>.',
    },
  ]),
  edgeTypes: Object.freeze([
    {
      forwardName: 'authors topic',
      backwardName: 'is authored by',
      prefix: AUTHORS_TOPIC_PREFIX,
      defaultWeight: weight(0, 0),
      description: 'A user to the topic they started (the opening post carries the credit).',
    },
    {
      forwardName: 'authors post',
      backwardName: 'is authored by',
      prefix: AUTHORS_POST_PREFIX,
      defaultWeight: weight(1 / 4, 1),
      description: 'A user to a post they wrote.',
    },
    {
      forwardName: 'contains post',
      backwardName: 'is in topic',
      prefix: CONTAINS_POST_PREFIX,
      defaultWeight: weight(1 / 8, 1),
      description: 'A topic to each of its posts.',
    },
    {
      forwardName: 'has liked post',
      backwardName: 'is a liked post of',
      prefix: TOPIC_HAS_LIKED_POST_PREFIX,
      defaultWeight: weight(1, 0),
      description: "A topic to a liked post, scaled by the post's like weight.",
    },
    {
      forwardName: 'replies to',
      backwardName: 'is replied to by',
      prefix: REPLIES_TO_PREFIX,
      defaultWeight: weight(1, 0),
      description: 'A post to the post it answers (the opening post when it names none).',
    },
    {
      forwardName: 'creates like',
      backwardName: 'is created by',
      prefix: CREATES_LIKE_PREFIX,
      defaultWeight: weight(1, 0),
      description: 'A user to a like they gave.',
    },
    {
      forwardName: 'likes',
      backwardName: 'is liked by',
      prefix: LIKES_PREFIX,
      defaultWeight: weight(1, 0),
      description: 'A like to the liked post.',
    },
    {
      forwardName: 'references post',
      backwardName: 'is referenced by',
      prefix: REFERENCES_POST_PREFIX,
      defaultWeight: weight(1 / 2, 0),
      description: 'A post to a post it links or quotes.',
    },
    {
      forwardName: 'references topic',
      backwardName: 'is referenced by',
      prefix: REFERENCES_TOPIC_PREFIX,
      defaultWeight: weight(1 / 2, 0),
      description: 'A post to a topic it links.',
    },
    {
      forwardName: 'mentions',
      backwardName: 'is mentioned by',
      prefix: REFERENCES_USER_PREFIX,
      defaultWeight: weight(1 / 2, 0),
      description: 'A post to a user it @mentions.',
    },
    {
      forwardName: 'links to',
      backwardName: 'is linked from',
      prefix: REFERENCES_URL_PREFIX,
      defaultWeight: weight(1 / 2, 0),
      description:
        'A post to a page outside the forum (a pull request, say); joined to the node carrying that url.',
    },
  ]),
  userTypes: Object.freeze([USER_PREFIX]),
});
