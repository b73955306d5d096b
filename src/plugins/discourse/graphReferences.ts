/**
 * Reference edges of one post (pure): links and quotes of this forum's topics and posts, links
 * to people's profiles and @mentions, and links that leave the forum. References to things the
 * snapshot lacks (a topic we cannot see, an unknown username) are dropped; links outside the
 * forum point at `core/url/<url>`, which the instance joins to the node carrying that url.
 */
import { edgeAddressBetween, type EdgeAddress, type NodeAddress } from '../../core/address.js';
import type { Graph } from '../../core/graph.js';
import { urlAddress } from '../../core/urlReference.js';
import {
  REFERENCES_POST_PREFIX,
  REFERENCES_TOPIC_PREFIX,
  REFERENCES_URL_PREFIX,
  REFERENCES_USER_PREFIX,
} from './declaration.js';
import { userAddress, type ForumIndex } from './forumIndex.js';
import { parseReferences, type Reference } from './references.js';
import type { SnapshotPost } from './snapshot.js';

export function addReferenceEdges(graph: Graph, index: ForumIndex, post: SnapshotPost): void {
  const src = index.postAddress(post);
  for (const reference of parseReferences(post.cooked, index.snapshot.serverUrl)) {
    const target = resolve(index, reference);
    if (target === undefined || target.address === src) continue;
    graph.mergeEdge({
      address: edgeAddressBetween(target.prefix, src, target.address),
      src,
      dst: target.address,
      timestampMs: post.createdMs,
    });
  }
}

function resolve(
  index: ForumIndex,
  reference: Reference,
): { prefix: EdgeAddress; address: NodeAddress } | undefined {
  switch (reference.kind) {
    case 'topic': {
      const topic = index.topics.get(reference.topicId);
      if (topic === undefined) return undefined;
      const post =
        reference.postNumber === undefined
          ? undefined
          : index.postByNumber.get(`${topic.id}/${reference.postNumber}`);
      return post === undefined
        ? { prefix: REFERENCES_TOPIC_PREFIX, address: index.topicAddress(topic) }
        : { prefix: REFERENCES_POST_PREFIX, address: index.postAddress(post) };
    }
    case 'post': {
      const post = index.posts.get(reference.postId);
      return post === undefined || !index.topics.has(post.topicId)
        ? undefined
        : { prefix: REFERENCES_POST_PREFIX, address: index.postAddress(post) };
    }
    case 'user': {
      const userId = index.userIdByName.get(reference.username.toLowerCase());
      return userId === undefined
        ? undefined
        : { prefix: REFERENCES_USER_PREFIX, address: userAddress(userId) };
    }
    case 'url': {
      const address = urlAddress(reference.url);
      return address === undefined ? undefined : { prefix: REFERENCES_URL_PREFIX, address };
    }
  }
}
