/**
 * The plugin contract. A plugin reads one place where a community works and turns it into a
 * contribution graph plus identity proposals (one per account it saw). Loading (network, into
 * a cache) is separate from graphing (pure, from the cache), so graphs are reproducible and
 * a failed load never corrupts scores. Bundled plugins and community packages named in
 * cred.json implement the same interface; see docs/plugins.md.
 *
 * These types live in core because plugins may import only core, and commands need them too.
 */
import type { EdgeAddress, NodeAddress } from './address.js';
import type { Graph } from './graph.js';
import type { IdentityProposal } from './identity.js';

export interface NodeType {
  readonly name: string;
  readonly pluralName: string;
  readonly prefix: NodeAddress;
  readonly defaultWeight: number;
  readonly description: string;
}

export interface EdgeWeight {
  readonly forwards: number;
  readonly backwards: number;
}

export interface EdgeType {
  readonly forwardName: string;
  readonly backwardName: string;
  readonly prefix: EdgeAddress;
  readonly defaultWeight: EdgeWeight;
  readonly description: string;
}

/** A frozen node type, for declarations written as one line per type. */
export function nodeType(
  name: string,
  pluralName: string,
  prefix: NodeAddress,
  defaultWeight: number,
  description: string,
): NodeType {
  return Object.freeze({ name, pluralName, prefix, defaultWeight, description });
}

/** A frozen edge type with its forward and backward default weights. */
export function edgeType(
  forwardName: string,
  backwardName: string,
  prefix: EdgeAddress,
  forwards: number,
  backwards: number,
  description: string,
): EdgeType {
  return Object.freeze({
    forwardName,
    backwardName,
    prefix,
    defaultWeight: Object.freeze({ forwards, backwards }),
    description,
  });
}

export interface PluginDeclaration {
  /** Lowercase id, `[a-z0-9-]+`: the first part of every address the plugin makes. */
  readonly name: string;
  /** Human name, e.g. "GitHub". */
  readonly title: string;
  readonly nodeTypes: readonly NodeType[];
  readonly edgeTypes: readonly EdgeType[];
  /** Prefixes of node types that are accounts (people, bots): these become identities. */
  readonly userTypes: readonly NodeAddress[];
}

/** Where a long step reports what it is doing; the CLI prints it on stderr. */
export interface ProgressReporter {
  progress(message: string): void;
  warn(message: string): void;
}

export const SILENT_REPORTER: ProgressReporter = { progress() {}, warn() {} };

/** Everything a plugin may use; it reaches no other global state. */
export interface PluginContext<Config> {
  readonly config: Config;
  /** The instance folder (for local records such as contributions/). */
  readonly instanceDir: string;
  /** A folder of its own for caches, created by the caller. */
  readonly cacheDir: string;
  /** Secrets and settings from the environment (GITHUB_TOKEN, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly reporter: ProgressReporter;
  readonly nowMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /**
   * The real clock, for comparing with a server's absolute times (a rate limit's reset epoch).
   * It differs from `nowMs` when the command runs in its own time (`CRED_NOW`) and waits take
   * real time; absent means `nowMs`.
   */
  readonly wallMs?: () => number;
}

/** What `load` did, for the terminal and `--json`. */
export interface LoadSummary {
  readonly requests: number;
  readonly items: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
  /** The same in structure, per source and object kind (core/loadReport.ts words it). */
  readonly report?: LoadReport;
}

/**
 * What a load did, per source (a repository, a chat, a forum) and per object kind, for
 * `cred load --json`. Every platform fills what it has; a field it has no notion of (points,
 * page shrinks) is left out rather than written as 0.
 */
export interface LoadReport {
  readonly sources: readonly SourceLoadReport[];
  /** Credentials renewed during the load (an expired token fetched again). */
  readonly tokenRenewals?: number;
}

export interface SourceLoadReport {
  /** "lantern-labs/lamp", "chat oc_123", "forum.example.org". */
  readonly source: string;
  readonly requests: number;
  /** Rate-limit points the platform charged (GitHub's `rateLimit.cost`). */
  readonly cost?: number;
  /** Rate-limit waits: how many and how long in all. */
  readonly waits?: { readonly count: number; readonly seconds: number };
  /** Requests sent again after a retryable answer (5xx, "try again later"). */
  readonly retries?: number;
  /** Times a page was made smaller because the platform could not answer a large one. */
  readonly pageShrinks?: number;
  /** True when this load re-read everything (first load or a periodic full refresh). */
  readonly fullRefresh?: boolean;
  readonly kinds: readonly KindLoadReport[];
  /** Reactions read, by kind: those that carry cred and those the graph ignores. */
  readonly reactions?: {
    readonly counted: Readonly<Record<string, number>>;
    readonly notCounted: Readonly<Record<string, number>>;
  };
}

export interface KindLoadReport {
  /** Plural object kind: "issues", "messages", "rows". */
  readonly kind: string;
  readonly requests?: number;
  /** Items not in the cache before. */
  readonly new: number;
  /** Items in the cache that came back different. */
  readonly changed: number;
  /** Items read again and found as they were. */
  readonly unchanged: number;
}

export interface Plugin<Config = unknown> {
  readonly declaration: PluginDeclaration;
  /** Validates the plugin's settings from cred.json; `where` names the field for errors. */
  parseConfig(raw: unknown, where: string): Config;
  /** Fetches remote data into the cache. Absent for plugins that read only local files. */
  load?(context: PluginContext<Config>): Promise<LoadSummary>;
  /** Builds the graph from the cache and local files only: no network. */
  graph(context: PluginContext<Config>): Promise<Graph>;
  /** One proposal per account seen, for the ledger to turn into identities. */
  identities(context: PluginContext<Config>): Promise<readonly IdentityProposal[]>;
}
