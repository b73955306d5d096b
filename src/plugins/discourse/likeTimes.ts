/**
 * When each like was given. `/post_action_users.json` says who liked a post but not when, and
 * the time decides which week the like's cred belongs to. A liker's public stream of likes given
 * (`/user_actions.json?filter=1`, newest first) has the times: it is read page by page, once
 * per load and liker, only as far as needed. A like is newer than its post, so the search stops
 * at the first like older than the post. When the stream is private or the like is not in it,
 * the post's own time stands in, marked as estimated.
 */
import { USER_ACTIONS_PAGE_SIZE } from './api.js';
import type { DiscourseClient } from './client.js';
import { fetchLikesGiven, type Liker } from './fetch.js';
import type { StoredLike } from './mirror.js';

interface Stream {
  readonly timeByPost: Map<number, number>;
  offset: number;
  oldestMs: number;
  done: boolean;
}

export class LikeTimes {
  private readonly streams = new Map<string, Stream>();
  /** Likes whose time was not visible, this load. */
  estimated = 0;

  constructor(private readonly client: DiscourseClient) {}

  async likeOf(liker: Liker, post: { id: number; createdMs: number }): Promise<StoredLike> {
    const stream = this.streamOf(liker.username);
    while (!stream.timeByPost.has(post.id) && !stream.done && stream.oldestMs >= post.createdMs) {
      const page = await fetchLikesGiven(this.client, liker.username, stream.offset);
      if (page === undefined) {
        stream.done = true;
        break;
      }
      for (const like of page.likes) {
        if (!stream.timeByPost.has(like.postId)) stream.timeByPost.set(like.postId, like.createdMs);
        stream.oldestMs = Math.min(stream.oldestMs, like.createdMs);
      }
      stream.offset += page.size;
      if (page.size < USER_ACTIONS_PAGE_SIZE) stream.done = true;
    }
    const createdMs = stream.timeByPost.get(post.id);
    if (createdMs !== undefined) return { userId: liker.id, createdMs, estimated: false };
    this.estimated++;
    return { userId: liker.id, createdMs: post.createdMs, estimated: true };
  }

  private streamOf(username: string): Stream {
    const key = username.toLowerCase();
    let stream = this.streams.get(key);
    if (stream === undefined) {
      stream = {
        timeByPost: new Map(),
        offset: 0,
        oldestMs: Number.POSITIVE_INFINITY,
        done: false,
      };
      this.streams.set(key, stream);
    }
    return stream;
  }
}
