/**
 * What the mirror holds about a forum, as plain data: the input of the pure graph and identity
 * builders. Arrays are sorted by id, so the same cache always gives the same graph.
 */

export interface SnapshotCategory {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
  readonly parentId: number | null;
  /** Staff-only (`read_restricted`, or not said while reading with an API key). */
  readonly restricted: boolean;
}

export interface SnapshotTopic {
  readonly id: number;
  readonly categoryId: number | null;
  readonly title: string;
  readonly slug: string;
  readonly createdMs: number;
  readonly authorId: number | null;
}

export interface SnapshotPost {
  readonly id: number;
  readonly topicId: number;
  readonly number: number;
  readonly replyTo: number | null;
  readonly authorId: number | null;
  readonly createdMs: number;
  /** Discourse's post_type: 1 regular, 2 moderator action, 3 small action, 4 whisper. */
  readonly postType: number;
  readonly cooked: string;
}

export interface SnapshotLike {
  readonly postId: number;
  readonly userId: number;
  readonly createdMs: number;
}

export interface SnapshotUser {
  readonly id: number;
  readonly username: string;
  /** null when unknown (the account was deleted before we could read it). */
  readonly trustLevel: number | null;
}

export interface ForumSnapshot {
  /** The forum's address; the plugin hands the graph its page address (`pageUrl`) here. */
  readonly serverUrl: string;
  readonly categories: readonly SnapshotCategory[];
  readonly topics: readonly SnapshotTopic[];
  readonly posts: readonly SnapshotPost[];
  readonly likes: readonly SnapshotLike[];
  readonly users: readonly SnapshotUser[];
}
