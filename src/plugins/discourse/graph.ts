/**
 * A forum snapshot to a contribution graph (pure). Topics, posts and likes sit under their
 * category's slug path, so weight files can weigh a category by address prefix; every
 * contribution node carries its `url` and its category as `container`. A like is a node that
 * mints (type weight times the liker's trust-level weight) and flows to the liked post, which
 * passes cred to its author. Replies, quotes, links and mentions become edges; links that leave
 * the forum point at `core/url/<url>`, for the instance to join to another plugin's node.
 */
import { edgeAddressBetween, extendAddress, type NodeAddress } from '../../core/address.js';
import { Graph } from '../../core/graph.js';
import {
  AUTHORS_POST_PREFIX,
  AUTHORS_TOPIC_PREFIX,
  CONTAINS_POST_PREFIX,
  CREATES_LIKE_PREFIX,
  LIKE_PREFIX,
  LIKES_PREFIX,
  REPLIES_TO_PREFIX,
  TOPIC_HAS_LIKED_POST_PREFIX,
  trustLevelWeight,
} from './declaration.js';
import { ForumIndex, userAddress } from './forumIndex.js';
import { addReferenceEdges } from './graphReferences.js';
import type { ForumSnapshot, SnapshotPost, SnapshotTopic } from './snapshot.js';

export function discourseGraph(snapshot: ForumSnapshot): Graph {
  const graph = new Graph();
  const index = new ForumIndex(snapshot);
  addCategoriesAndUsers(graph, index);
  for (const topic of snapshot.topics) addTopic(graph, index, topic);
  for (const post of snapshot.posts) {
    if (index.topics.has(post.topicId)) addPost(graph, index, post);
  }
  addLikes(graph, index);
  for (const post of snapshot.posts) {
    if (index.topics.has(post.topicId)) addReferenceEdges(graph, index, post);
  }
  return graph;
}

function addCategoriesAndUsers(graph: Graph, index: ForumIndex): void {
  const { snapshot } = index;
  for (const category of snapshot.categories) {
    const path = index.categoryPath(category.id);
    graph.addNode({
      address: index.categoryAddress(category.id),
      description: `Category "${category.name}"`,
      timestampMs: null,
      url: `${snapshot.serverUrl}/c/${path.join('/')}/${category.id}`,
    });
  }
  for (const user of snapshot.users) {
    graph.addNode({
      address: userAddress(user.id),
      description: `@${user.username}`,
      timestampMs: null,
      url: `${snapshot.serverUrl}/u/${encodeURIComponent(user.username)}`,
    });
  }
}

function addTopic(graph: Graph, index: ForumIndex, topic: SnapshotTopic): void {
  const address = index.topicAddress(topic);
  graph.addNode({
    address,
    description: topic.title,
    timestampMs: topic.createdMs,
    url: index.topicUrl(topic),
    container: index.categoryAddress(topic.categoryId),
  });
  if (topic.authorId !== null) {
    const author = userAddress(topic.authorId);
    graph.addEdge({
      address: edgeAddressBetween(AUTHORS_TOPIC_PREFIX, author, address),
      src: author,
      dst: address,
      timestampMs: topic.createdMs,
    });
  }
}

function addPost(graph: Graph, index: ForumIndex, post: SnapshotPost): void {
  const topic = index.topics.get(post.topicId) as SnapshotTopic;
  const address = index.postAddress(post);
  const topicAddress = index.topicAddress(topic);
  graph.addNode({
    address,
    description: `#${post.number} on "${topic.title}"`,
    timestampMs: post.createdMs,
    url: index.postUrl(post),
    container: index.categoryAddress(topic.categoryId),
  });
  const edge = (prefix: typeof LIKES_PREFIX, src: NodeAddress, dst: NodeAddress) =>
    graph.mergeEdge({
      address: edgeAddressBetween(prefix, src, dst),
      src,
      dst,
      timestampMs: post.createdMs,
    });
  edge(CONTAINS_POST_PREFIX, topicAddress, address);
  if (post.authorId !== null) edge(AUTHORS_POST_PREFIX, userAddress(post.authorId), address);
  // A later post that names no parent answers the opening post (SourceCred's rule).
  const parentNumber = post.replyTo ?? (post.number > 1 ? 1 : null);
  const parent =
    parentNumber === null ? undefined : index.postByNumber.get(`${post.topicId}/${parentNumber}`);
  if (parent !== undefined && parent.id !== post.id) {
    edge(REPLIES_TO_PREFIX, address, index.postAddress(parent));
  }
}

function addLikes(graph: Graph, index: ForumIndex): void {
  const trust = new Map(index.snapshot.users.map((user) => [user.id, user.trustLevel]));
  const names = new Map(index.snapshot.users.map((user) => [user.id, user.username]));
  const likeWeightByPost = new Map<number, number>();
  for (const like of index.snapshot.likes) {
    const post = index.posts.get(like.postId);
    const topic = post === undefined ? undefined : index.topics.get(post.topicId);
    if (post === undefined || topic === undefined) continue;
    const postAddress = index.postAddress(post);
    const address = extendAddress(LIKE_PREFIX, [
      ...index.categoryPath(topic.categoryId),
      String(post.id),
      String(like.userId),
    ]);
    const weight = trustLevelWeight(trust.get(like.userId) ?? null);
    likeWeightByPost.set(post.id, (likeWeightByPost.get(post.id) ?? 0) + weight);
    graph.addNode({
      address,
      description: `@${names.get(like.userId) ?? like.userId} liked #${post.number} on "${topic.title}"`,
      timestampMs: like.createdMs,
      url: `${index.postUrl(post)}#like-${like.userId}`,
      container: index.categoryAddress(topic.categoryId),
      ...(weight === 1 ? {} : { weight }),
    });
    const liker = userAddress(like.userId);
    for (const [prefix, src, dst] of [
      [CREATES_LIKE_PREFIX, liker, address],
      [LIKES_PREFIX, address, postAddress],
    ] as const) {
      graph.addEdge({
        address: edgeAddressBetween(prefix, src, dst),
        src,
        dst,
        timestampMs: like.createdMs,
      });
    }
  }
  for (const [postId, weight] of likeWeightByPost) {
    const post = index.posts.get(postId) as SnapshotPost;
    if (weight === 0) continue;
    const topic = index.topicAddress(index.topics.get(post.topicId) as SnapshotTopic);
    const dst = index.postAddress(post);
    graph.addEdge({
      address: edgeAddressBetween(TOPIC_HAS_LIKED_POST_PREFIX, topic, dst),
      src: topic,
      dst,
      timestampMs: post.createdMs,
      ...(weight === 1 ? {} : { weight }),
    });
  }
}
