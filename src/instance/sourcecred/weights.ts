/**
 * SourceCred's weights (config/weights.json: node and edge weights keyed by NUL-separated
 * address prefixes) as cred weight files. A key that is exactly one of SourceCred's GitHub or
 * Discourse types maps to the cred type it corresponds to, and its value replaces that type's
 * value in weights/github.json or weights/discourse.json. Anything else (other plugins' types,
 * per-node overrides, whose addresses cred forms differently, and types cred has no
 * counterpart for) is listed with the reason, never guessed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJsonFile } from '../../core/canonicalJson.js';
import { asRecord, fromCompat } from './folder.js';
import { PROJECT_ROOT } from '../init.js';

const NODE_TYPES: Readonly<Record<string, string>> = {
  'sourcecred/github/REPO': 'github/repo',
  'sourcecred/github/ISSUE': 'github/issue',
  'sourcecred/github/PULL': 'github/pull',
  'sourcecred/github/REVIEW': 'github/review',
  'sourcecred/github/COMMENT': 'github/comment',
  'sourcecred/github/COMMIT': 'github/commit',
  'sourcecred/github/USERLIKE/USER': 'github/user',
  'sourcecred/github/USERLIKE/BOT': 'github/bot',
  'sourcecred/discourse/topic': 'discourse/topic',
  'sourcecred/discourse/post': 'discourse/post',
  'sourcecred/discourse/user': 'discourse/user',
  'sourcecred/discourse/like': 'discourse/like',
};

const EDGE_TYPES: Readonly<Record<string, string>> = {
  'sourcecred/github/AUTHORS': 'github/authors',
  'sourcecred/github/HAS_PARENT': 'github/has-parent',
  'sourcecred/github/MERGED_AS': 'github/merged-as',
  'sourcecred/github/REFERENCES': 'github/references',
  'sourcecred/github/REACTS/HEART': 'github/reacts/heart',
  'sourcecred/github/REACTS/THUMBS_UP': 'github/reacts/thumbs-up',
  'sourcecred/github/REACTS/HOORAY': 'github/reacts/hooray',
  'sourcecred/github/REACTS/ROCKET': 'github/reacts/rocket',
  'sourcecred/discourse/topicContainsPost': 'discourse/contains-post',
  'sourcecred/discourse/topicHasLikedPost': 'discourse/topic-has-liked-post',
  'sourcecred/discourse/replyTo': 'discourse/replies-to',
  'sourcecred/discourse/authors/topic': 'discourse/authors/topic',
  'sourcecred/discourse/authors/post': 'discourse/authors/post',
  'sourcecred/discourse/createsLike': 'discourse/creates-like',
  'sourcecred/discourse/likes': 'discourse/likes',
  'sourcecred/discourse/references/post': 'discourse/references/post',
  'sourcecred/discourse/references/topic': 'discourse/references/topic',
  'sourcecred/discourse/references/user': 'discourse/references/user',
};

export interface WeightRow {
  readonly kind: 'node' | 'edge';
  /** SourceCred's key, parts joined by "/". */
  readonly sourcecred: string;
  readonly value: string;
  readonly cred: string | null;
  readonly reason: string | null;
}

export interface MappedWeights {
  readonly rows: readonly WeightRow[];
  /** Weight file (relative to the instance) -> content. */
  readonly files: Readonly<Record<string, string>>;
}

export function mapScWeights(weightsJson: unknown, targetRoot: string): MappedWeights {
  const payload = asRecord(fromCompat(weightsJson));
  const rows: WeightRow[] = [];
  const updates = new Map<string, { nodes: Map<string, unknown>; edges: Map<string, unknown> }>();
  const visit = (kind: 'node' | 'edge', table: unknown): void => {
    for (const [key, value] of Object.entries(asRecord(table))) {
      const parts = key.split('\0').slice(1, -1).join('/');
      const cred = (kind === 'node' ? NODE_TYPES : EDGE_TYPES)[parts] ?? null;
      const valid = kind === 'node' ? typeof value === 'number' : isEdgeWeight(value);
      const reason = !valid
        ? 'not a weight SourceCred could have written'
        : cred === null
          ? whyUnmapped(parts)
          : null;
      rows.push({ kind, sourcecred: parts, value: JSON.stringify(value), cred, reason });
      if (cred === null || reason !== null) continue;
      const plugin = cred.split('/')[0] as string;
      const update = updates.get(plugin) ?? { nodes: new Map(), edges: new Map() };
      update[kind === 'node' ? 'nodes' : 'edges'].set(cred, value);
      updates.set(plugin, update);
    }
  };
  visit('node', payload.nodeWeights);
  visit('edge', payload.edgeWeights);
  const files: Record<string, string> = {};
  for (const [plugin, update] of updates) {
    const relative = `weights/${plugin}.json`;
    const file = baseWeightFile(targetRoot, relative);
    const nodes = { ...asRecord(file.nodes), ...Object.fromEntries(update.nodes) };
    const edges = { ...asRecord(file.edges), ...Object.fromEntries(update.edges) };
    files[relative] = canonicalJsonFile({ ...file, nodes, edges });
  }
  rows.sort((a, b) => (a.kind + a.sourcecred < b.kind + b.sourcecred ? -1 : 1));
  return { rows, files };
}

function isEdgeWeight(value: unknown): boolean {
  const record = asRecord(value);
  return typeof record.forwards === 'number' && typeof record.backwards === 'number';
}

function whyUnmapped(parts: string): string {
  const [owner, plugin, ...rest] = parts.split('/');
  if (owner === 'sourcecred' && (plugin === 'github' || plugin === 'discourse') && rest.length > 1)
    return 'a per-node override or a type cred does not have; cred addresses objects by id, so set it again with a cred key';
  if (owner === 'sourcecred' && (plugin === 'github' || plugin === 'discourse'))
    return 'no corresponding cred type';
  return `no cred plugin for ${owner === 'sourcecred' ? (plugin ?? owner) : (owner ?? 'this')} yet`;
}

function baseWeightFile(targetRoot: string, relative: string): Record<string, unknown> {
  const own = path.join(targetRoot, relative);
  const file = existsSync(own) ? own : path.join(PROJECT_ROOT, relative);
  return existsSync(file)
    ? asRecord(JSON.parse(readFileSync(file, 'utf8')))
    : { type: 'cred/weights', version: 1, nodes: {}, edges: {} };
}
