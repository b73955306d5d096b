/**
 * The demo's Discourse forum (`cred/discourse-forum`, served by the Discourse stand-in with its
 * links as recorded): announcements, help, development (with a translations subcategory),
 * governance, and a lounge whose likes the demo's weights set to 0. Topics have replies,
 * quotes, @mentions, links to GitHub pull requests and to other topics, and likes from members
 * of every trust level. In the last three months, three accounts run a like ring in help: they
 * post filler and like each other's every post.
 */
import type {
  Forum,
  ForumCategory,
  ForumLike,
  ForumPost,
  ForumTopic,
  ForumUser,
} from '../../replay/discourse/forum.js';
import { after, HISTORY_START_MS, iso, momentIn, MONTHS } from './calendar.js';
import type { Random } from './random.js';
import { activeIn, type Person, type Roster } from './roster.js';
import { slugOf, text } from './text.js';

export const FORUM_ORIGIN = 'https://forum.tidepool.example';
export const LOUNGE = 'lounge';

const CATEGORIES: ForumCategory[] = [
  category(1, 'Announcements', 'announcements'),
  category(2, 'Help', 'help'),
  category(3, 'Development', 'development'),
  category(4, 'Governance', 'governance'),
  category(5, 'Lounge', LOUNGE),
  { ...category(6, 'Translations', 'translations'), parentId: 3 },
];
/** Topics per month by category slug (before growth). */
const TOPICS_PER_MONTH: Record<string, number> = {
  announcements: 1,
  help: 6,
  development: 4,
  governance: 1,
  lounge: 3,
  translations: 1,
};
/** Topics the like ring opens each month, five posts each, every post liked by the others. */
const RING_TOPICS_PER_MONTH = 6;
const SYSTEM: ForumUser = user(-1, 'system', 4, HISTORY_START_MS, { admin: true });

/** A pull request the forum may link. */
export interface PullLink {
  readonly url: string;
  readonly createdMs: number;
}

function category(id: number, name: string, slug: string): ForumCategory {
  return { id, name, slug, color: '0088CC', description: `${name} of the Tidepool community.` };
}

function user(
  id: number,
  username: string,
  trustLevel: number,
  createdMs: number,
  flags: { admin?: boolean } = {},
): ForumUser {
  return {
    id,
    username,
    name: '',
    trustLevel,
    createdAt: iso(createdMs),
    admin: flags.admin ?? false,
    moderator: false,
    deleted: false,
    hideProfile: false,
  };
}

export class ForumBuilder {
  private topicId = 100;
  private postId = 1000;
  private readonly members: Person[];
  private readonly topics: ForumTopic[] = [];

  constructor(
    private readonly random: Random,
    private readonly roster: Roster,
    private readonly pulls: readonly PullLink[],
  ) {
    this.members = roster.people.filter((person) => person.discourse !== undefined);
  }

  build(): Forum {
    this.topics.push(this.welcome());
    MONTHS.forEach((monthName, month) => {
      for (const [slug, count] of Object.entries(TOPICS_PER_MONTH)) {
        for (let k = 0; k < Math.round(count * (1 + 0.1 * month)); k++)
          this.topics.push(this.topic(slug, month, monthName));
      }
    });
    this.topics.push(...this.ringTopics());
    return {
      type: 'cred/discourse-forum',
      version: 1,
      description: 'The demo community Tidepool (src/demo/generate), generated; fictional.',
      origin: FORUM_ORIGIN,
      settings: { topicsPerPage: 30, userActionsPageSize: 30 },
      users: [SYSTEM, ...[...this.members, ...this.roster.ring].map((p) => this.account(p))],
      categories: CATEGORIES,
      topics: this.topics,
    };
  }

  private account(person: Person): ForumUser {
    const { id, username, trustLevel } = person.discourse!;
    return user(id, username, trustLevel, HISTORY_START_MS - (person.rank + 1) * 86_400_000);
  }

  private someone(month: number, boost: number, except: Person[] = []): Person {
    const pool = this.members.filter((p) => activeIn(p, month) && !except.includes(p));
    return this.random.weighted(pool, (p) => p.activity * (p.role === 'maintainer' ? boost : 1));
  }

  private welcome(): ForumTopic {
    const title = 'Welcome to the Tidepool forum';
    return {
      id: this.topicId++,
      categoryId: 1,
      title,
      slug: slugOf(title),
      pinned: true,
      posts: [this.post(1, -1, HISTORY_START_MS + 3_600_000, '<p>Say hello and read the FAQ.</p>')],
    };
  }

  private topic(slug: string, month: number, monthName: string): ForumTopic {
    const categoryId = CATEGORIES.find((c) => c.slug === slug)!.id;
    const title = text.topicTitle(this.random, slug, monthName);
    const id = this.topicId++;
    const author = slug === 'announcements' ? this.maintainer() : this.someone(month, 1);
    const replies = Math.min(9, Math.floor(this.random.float() ** 2 * 10));
    let atMs = momentIn(this.random, month);
    const people = [author];
    const posts: ForumPost[] = [];
    for (let number = 1; number <= replies + 1; number++) {
      const person = number === 1 ? author : this.someone(month, slug === 'help' ? 2 : 1.5);
      people.push(person);
      const cooked = this.cooked(slug, atMs, id, posts, people);
      const post = this.post(number, person.discourse!.id, atMs, cooked);
      if (number > 1 && this.random.chance(0.4)) post.replyTo = this.random.int(1, number - 1);
      post.likes = this.likes(month, atMs, person, number === 1 ? 2 : 1);
      posts.push(post);
      atMs = after(this.random, atMs, 1, 30);
    }
    return { id, categoryId, title, slug: slugOf(title), pinned: false, posts };
  }

  private maintainer(): Person {
    return this.random.pick(this.members.filter((p) => p.role === 'maintainer'));
  }

  private post(number: number, userId: number, atMs: number, cooked: string): ForumPost {
    return {
      id: this.postId++,
      number,
      userId,
      createdAt: iso(atMs),
      version: 1,
      cooked,
      likes: [],
    };
  }

  /** A post's HTML: a line of text, sometimes a pull request, a quote, a mention or a topic. */
  private cooked(
    slug: string,
    atMs: number,
    topicId: number,
    earlier: readonly ForumPost[],
    people: readonly Person[],
  ): string {
    const parts = [
      `<p>${earlier.length === 0 ? 'Opening the discussion.' : text.reply(this.random)}</p>`,
    ];
    const pull = this.pulls.filter((p) => p.createdMs < atMs).at(-1 - this.random.int(0, 5));
    if ((slug === 'development' || slug === 'help') && pull && this.random.chance(0.35))
      parts.push(`<p>See <a href="${pull.url}">this pull request</a>.</p>`);
    const quoted =
      earlier.length > 0 && this.random.chance(0.15) ? this.random.pick(earlier) : undefined;
    if (quoted !== undefined) {
      const username = this.usernameOf(quoted.userId);
      parts.unshift(
        `<aside class="quote no-group" data-username="${username}" data-post="${quoted.number}" data-topic="${topicId}"><blockquote><p>…</p></blockquote></aside>`,
      );
    }
    if (people.length > 1 && this.random.chance(0.2)) {
      const name = this.random.pick(people).discourse!.username;
      parts.push(`<p><a class="mention" href="/u/${name}">@${name}</a> what do you think?</p>`);
    }
    const other = this.topics.filter((t) => t.categoryId !== 5).at(-1 - this.random.int(0, 10));
    if (other !== undefined && this.random.chance(0.1))
      parts.push(
        `<p>Related: <a href="${FORUM_ORIGIN}/t/${other.slug}/${other.id}">${other.title}</a></p>`,
      );
    return parts.join('\n');
  }

  private usernameOf(userId: number): string {
    if (userId === SYSTEM.id) return SYSTEM.username;
    return [...this.members, ...this.roster.ring].find((p) => p.discourse!.id === userId)!
      .discourse!.username;
  }

  private likes(month: number, atMs: number, author: Person, boost: number): ForumLike[] {
    const wanted = Math.floor(
      this.random.float() ** 1.5 * 5 * boost * (author.role === 'maintainer' ? 1.5 : 1),
    );
    const likers = this.random.distinct(
      this.members.filter((p) => activeIn(p, month)),
      wanted,
      (p) => p.activity ** 0.5,
      [author],
    );
    return likers.map((liker) => ({
      userId: liker.discourse!.id,
      createdAt: iso(after(this.random, atMs, 1, 48)),
    }));
  }

  /** The ring: topics in help where three accounts post filler and like each other's posts. */
  private ringTopics(): ForumTopic[] {
    const ring = this.roster.ring;
    const topics: ForumTopic[] = [];
    for (let month = MONTHS.length - 3; month < MONTHS.length; month++) {
      for (let k = 0; k < RING_TOPICS_PER_MONTH; k++) {
        const title = `Best ${text.subject(this.random)} deals this ${MONTHS[month]}`;
        let atMs = momentIn(this.random, month);
        const posts: ForumPost[] = [];
        for (let number = 1; number <= 5; number++) {
          const author = ring[(k + number) % ring.length]!;
          const post = this.post(
            number,
            author.discourse!.id,
            atMs,
            '<p>Great question! Totally agree, check my profile.</p>',
          );
          post.likes = ring
            .filter((other) => other !== author)
            .map((other) => ({
              userId: other.discourse!.id,
              createdAt: iso(after(this.random, atMs, 0, 2)),
            }));
          posts.push(post);
          atMs = after(this.random, atMs, 0, 3);
        }
        topics.push({
          id: this.topicId++,
          categoryId: 2,
          title,
          slug: slugOf(title),
          pinned: false,
          posts,
        });
      }
    }
    return topics;
  }
}

export function generateForum(random: Random, roster: Roster, pulls: readonly PullLink[]): Forum {
  return new ForumBuilder(random, roster, pulls).build();
}
