/**
 * The local copy of what GitHub said: `cache/github.sqlite` (better-sqlite3). It holds the
 * validated records of each repository, the reactions on them, where each listing stopped
 * (cursors and update-time watermarks) and which nested lists still have pages to fetch.
 *
 * The loader writes one transaction per answered page, records and progress together, so the
 * file is never half-written: a load killed at any point resumes from the last committed page,
 * and an answer that fails validation leaves it exactly as it was. The cache can always be
 * deleted; the next load rebuilds it.
 */
import Database from 'better-sqlite3';
import { freshness, type Freshness } from '../../core/loadReport.js';
import type {
  CommentRecord,
  CommitRecord,
  IssueRecord,
  PullRecord,
  ReactionRecord,
  RepositoryRecord,
  ReviewRecord,
} from './records.js';
import type { MirrorSnapshot } from './snapshot.js';

const SCHEMA_VERSION = '1';

export type ObjectKind = 'issue' | 'pull' | 'comment' | 'review' | 'reviewComment' | 'commit';

/** A nested list with more pages: `connection` of the node `owner`, from `cursor`. */
export interface PendingPage {
  readonly repo: string;
  readonly owner: string;
  readonly connection: 'comments' | 'reviews' | 'reviewComments' | 'reactions';
  readonly cursor: string | null;
  /** For comments: stop at comments updated before this (incremental loads). */
  readonly since: string | null;
}

const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS repositories (repo TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
  id TEXT PRIMARY KEY, repo TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS objects_by_repo ON objects (repo, kind);
CREATE TABLE IF NOT EXISTS reactions (
  reactable TEXT NOT NULL, repo TEXT NOT NULL, content TEXT NOT NULL, user INTEGER NOT NULL,
  json TEXT NOT NULL, PRIMARY KEY (reactable, content, user));
CREATE INDEX IF NOT EXISTS reactions_by_repo ON reactions (repo);
CREATE TABLE IF NOT EXISTS sync (
  repo TEXT NOT NULL, kind TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (repo, kind));
CREATE TABLE IF NOT EXISTS pending (
  repo TEXT NOT NULL, owner TEXT NOT NULL, connection TEXT NOT NULL, cursor TEXT, since TEXT,
  PRIMARY KEY (owner, connection));
`;

type Row = { json: string; repo: string; parent: string | null };

export class GithubMirror {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (or creates) the mirror file; a file of an older layout is emptied and rebuilt. */
  static open(file: string): GithubMirror {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(TABLES);
    const version = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema') as
      { value: string } | undefined;
    if (version?.value !== SCHEMA_VERSION) {
      db.exec(
        'DELETE FROM repositories; DELETE FROM objects; DELETE FROM reactions; DELETE FROM sync; DELETE FROM pending;',
      );
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
        'schema',
        SCHEMA_VERSION,
      );
    }
    return new GithubMirror(db);
  }

  close(): void {
    this.db.close();
  }

  /** Runs `fn` in one transaction: all of its writes happen, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  putRepository(repo: string, record: RepositoryRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO repositories (repo, json) VALUES (?, ?)')
      .run(repo, JSON.stringify(record));
  }

  repository(repo: string): RepositoryRecord | undefined {
    const row = this.db.prepare('SELECT json FROM repositories WHERE repo = ?').get(repo) as
      { json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.json) as RepositoryRecord);
  }

  putObject(
    repo: string,
    kind: ObjectKind,
    parent: string | null,
    record: IssueRecord | PullRecord | CommentRecord | ReviewRecord | CommitRecord,
  ): Freshness {
    const id = 'id' in record ? record.id : commitId(repo, record.oid);
    const json = JSON.stringify(record);
    const before = this.db.prepare('SELECT json FROM objects WHERE id = ?').pluck().get(id);
    this.db
      .prepare(
        'INSERT OR REPLACE INTO objects (id, repo, kind, parent, json) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, repo, kind, parent, json);
    return freshness(before as string | undefined, json);
  }

  /** Replaces the reactions known for `reactable` (its first page was fetched again). */
  replaceReactions(repo: string, reactable: string, reactions: readonly ReactionRecord[]): void {
    this.db.prepare('DELETE FROM reactions WHERE reactable = ?').run(reactable);
    this.addReactions(repo, reactable, reactions);
  }

  addReactions(repo: string, reactable: string, reactions: readonly ReactionRecord[]): void {
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO reactions (reactable, repo, content, user, json) VALUES (?, ?, ?, ?, ?)',
    );
    for (const reaction of reactions) {
      if (reaction.user === null) continue; // a deleted account: nobody to credit
      insert.run(
        reactable,
        repo,
        reaction.content,
        reaction.user.databaseId,
        JSON.stringify(reaction),
      );
    }
  }

  state<T>(repo: string, kind: string): T | undefined {
    const row = this.db
      .prepare('SELECT json FROM sync WHERE repo = ? AND kind = ?')
      .get(repo, kind) as { json: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.json) as T);
  }

  setState(repo: string, kind: string, state: unknown): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sync (repo, kind, json) VALUES (?, ?, ?)')
      .run(repo, kind, JSON.stringify(state));
  }

  setPending(page: PendingPage): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO pending (repo, owner, connection, cursor, since) VALUES (?, ?, ?, ?, ?)',
      )
      .run(page.repo, page.owner, page.connection, page.cursor, page.since);
  }

  deletePending(owner: string, connection: PendingPage['connection']): void {
    this.db
      .prepare('DELETE FROM pending WHERE owner = ? AND connection = ?')
      .run(owner, connection);
  }

  /** The oldest pending page of `repo`, if any. */
  nextPending(repo: string): PendingPage | undefined {
    return this.db
      .prepare(
        'SELECT repo, owner, connection, cursor, since FROM pending WHERE repo = ? ORDER BY rowid LIMIT 1',
      )
      .get(repo) as PendingPage | undefined;
  }

  /** Everything held for `repos` (keys as filed), sorted by id: the graph's input. */
  snapshot(repos: readonly string[]): MirrorSnapshot {
    const wanted = JSON.stringify(repos);
    const objects = (kind: ObjectKind) =>
      (
        this.db
          .prepare(
            'SELECT json, repo, parent FROM objects WHERE kind = ? AND repo IN (SELECT value FROM json_each(?)) ORDER BY id',
          )
          .all(kind, wanted) as Row[]
      ).map((row) => ({ ...JSON.parse(row.json), repo: row.repo, parent: row.parent ?? '' }));
    const repositories = (
      this.db
        .prepare(
          'SELECT repo, json FROM repositories WHERE repo IN (SELECT value FROM json_each(?)) ORDER BY repo',
        )
        .all(wanted) as { repo: string; json: string }[]
    ).map((row) => ({ ...(JSON.parse(row.json) as RepositoryRecord), key: row.repo }));
    const reactions = (
      this.db
        .prepare(
          'SELECT reactable, json FROM reactions WHERE repo IN (SELECT value FROM json_each(?)) ORDER BY reactable, content, user',
        )
        .all(wanted) as { reactable: string; json: string }[]
    ).map((row) => ({ ...(JSON.parse(row.json) as ReactionRecord), reactable: row.reactable }));
    return {
      repositories,
      issues: objects('issue'),
      pulls: objects('pull'),
      comments: objects('comment'),
      reviews: objects('review'),
      reviewComments: objects('reviewComment'),
      commits: objects('commit'),
      reactions,
    };
  }
}

function commitId(repo: string, oid: string): string {
  return `commit:${repo}:${oid}`;
}
