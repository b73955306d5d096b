/**
 * Lookups over a forum snapshot shared by graph building and reference resolution: topics and
 * posts by id, posts by topic and number, users by username, and each category's slug path,
 * from which every contribution's address and url are made.
 */
import { extendAddress, type NodeAddress } from '../../core/address.js';
import { CATEGORY_PREFIX, POST_PREFIX, TOPIC_PREFIX, USER_PREFIX } from './declaration.js';
import type { ForumSnapshot, SnapshotPost, SnapshotTopic } from './snapshot.js';

export function userAddress(userId: number): NodeAddress {
  return extendAddress(USER_PREFIX, [String(userId)]);
}

/** Lookups over a snapshot that graph building and reference resolution share. */
export class ForumIndex {
  readonly topics = new Map<number, SnapshotTopic>();
  readonly posts = new Map<number, SnapshotPost>();
  readonly postByNumber = new Map<string, SnapshotPost>();
  readonly userIdByName = new Map<string, number>();
  private readonly paths = new Map<number, string[]>();

  constructor(readonly snapshot: ForumSnapshot) {
    for (const topic of snapshot.topics) this.topics.set(topic.id, topic);
    for (const post of snapshot.posts) {
      this.posts.set(post.id, post);
      this.postByNumber.set(`${post.topicId}/${post.number}`, post);
    }
    for (const user of snapshot.users) this.userIdByName.set(user.username.toLowerCase(), user.id);
    const byId = new Map(snapshot.categories.map((category) => [category.id, category]));
    for (const category of snapshot.categories) {
      const path: string[] = [];
      for (let c = category, depth = 0; depth < 10; depth++) {
        path.unshift(c.slug);
        const parent = c.parentId === null ? undefined : byId.get(c.parentId);
        if (parent === undefined) break;
        c = parent;
      }
      this.paths.set(category.id, path);
    }
  }

  /** The slug path of a category (`['dev', 'infra']`); a placeholder for unknown ones. */
  categoryPath(categoryId: number | null): string[] {
    if (categoryId === null) return ['uncategorized'];
    return this.paths.get(categoryId) ?? [`category-${categoryId}`];
  }

  categoryAddress(categoryId: number | null): NodeAddress {
    return extendAddress(CATEGORY_PREFIX, this.categoryPath(categoryId));
  }

  topicAddress(topic: SnapshotTopic): NodeAddress {
    return extendAddress(TOPIC_PREFIX, [...this.categoryPath(topic.categoryId), String(topic.id)]);
  }

  postAddress(post: SnapshotPost): NodeAddress {
    const topic = this.topics.get(post.topicId);
    return extendAddress(POST_PREFIX, [
      ...this.categoryPath(topic?.categoryId ?? null),
      String(post.id),
    ]);
  }

  topicUrl(topic: SnapshotTopic): string {
    return `${this.snapshot.serverUrl}/t/${topic.slug}/${topic.id}`;
  }

  postUrl(post: SnapshotPost): string {
    const topic = this.topics.get(post.topicId);
    return `${this.snapshot.serverUrl}/t/${topic?.slug ?? 'topic'}/${post.topicId}/${post.number}`;
  }
}
