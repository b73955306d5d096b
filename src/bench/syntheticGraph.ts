/**
 * A deterministic synthetic community for benchmarks, shaped like SourceCred's own benchmark
 * (reference section 7) so the figures compare: N users with skewed activity, E/3 contributions
 * spread uniformly over W weeks, one authorship per contribution (Zipf-like choice of author),
 * E/3 reactions and the rest references to older contributions. Seeded, so every run builds the
 * same graph.
 */
import { nodeAddress } from '../core/address.js';
import { Graph, type BulkGraphColumns, type GraphColumns } from '../core/graph.js';
import { isPacked, StringTableBuilder, type PackedStrings } from '../core/graphColumns.js';
import type { Identity, IdentityId } from '../core/identity.js';
import type { Weights } from '../core/weights.js';
import { mulberry32 } from '../core/random.js';
import { WEEK_MS } from '../core/weeks.js';

export interface SyntheticShape {
  readonly edges: number;
  readonly weeks: number;
  /** Defaults to round(1.6 * sqrt(edges)), as in SourceCred's benchmark. */
  readonly users?: number;
  readonly seed?: number;
}

export interface SyntheticCommunity {
  readonly graph: Graph;
  readonly identities: Identity[];
  readonly weights: Weights;
  readonly users: number;
  readonly contributions: number;
}

/** 2026-01-05, a Monday. */
export const SYNTHETIC_START_MS = Date.UTC(2026, 0, 5);

export const SYNTHETIC_WEIGHTS: Weights = {
  nodes: new Map([
    ['bench/contribution', 1],
    ['bench/user', 0],
  ]),
  edges: new Map([
    ['bench/authors', { forwards: 0.5, backwards: 1 }],
    ['bench/reacts', { forwards: 1, backwards: 1 / 16 }],
    ['bench/references', { forwards: 1, backwards: 0 }],
  ]),
};

/**
 * The community's graph as columns (what a bulk plugin hands over, decision 0650): users then
 * contributions in the address table, edges in the order authorships, reactions, references.
 */
export interface SyntheticColumns extends BulkGraphColumns {
  readonly users: number;
  readonly contributions: number;
}

/**
 * How the string columns are made. `packed`: as UTF-8 bytes (StringTableBuilder, decision
 * 0781), what the plugin hands over; otherwise as strings. `titled`: contributions get a title
 * and a link, as the plugin shows them; otherwise "contribution <c>" and no link.
 */
export interface SyntheticText {
  readonly packed?: boolean;
  readonly titled?: boolean;
}

/** A string column being built: packed bytes or an array of strings, the same strings. */
interface StringSink {
  push(text: string): void;
  pushNumbered(prefix: string, value: number, suffix?: string): void;
  finish(): readonly string[] | PackedStrings;
}

class StringArraySink implements StringSink {
  private readonly values: string[] = [];
  push(text: string): void {
    this.values.push(text);
  }
  pushNumbered(prefix: string, value: number, suffix = ''): void {
    this.values.push(`${prefix}${value}${suffix}`);
  }
  finish(): readonly string[] {
    return this.values;
  }
}

const TOPICS = ['parser', 'docs', 'release', 'tests', 'website', 'translations', 'CI', 'design'];
const VERBS = ['Fix', 'Improve', 'Review', 'Document', 'Refactor', 'Plan'];
/** A contribution's title before its number, by verb and topic: "Fix parser (#". */
const TITLES = VERBS.map((verb) => TOPICS.map((topic) => `${verb} ${topic} (#`));

export function syntheticCommunity(shape: SyntheticShape): SyntheticCommunity {
  const columns = syntheticColumns(shape);
  return {
    graph: Graph.fromColumns(columns, 'synthetic community'),
    identities: syntheticIdentities(columns.users),
    weights: SYNTHETIC_WEIGHTS,
    users: columns.users,
    contributions: columns.contributions,
  };
}

/** The same graph as `syntheticCommunity`, built as columns (no object per node or edge). */
export function syntheticColumns(
  shape: SyntheticShape,
  text?: SyntheticText & { readonly packed?: false },
): SyntheticColumns & GraphColumns;
export function syntheticColumns(shape: SyntheticShape, text: SyntheticText): SyntheticColumns;
export function syntheticColumns(
  shape: SyntheticShape,
  text: SyntheticText = {},
): SyntheticColumns {
  // A packed column is sized for `strings` of about `size` bytes, as a plugin that knows its
  // data would size it: growing copies the column (untouched capacity costs nothing).
  const sink = (strings: number, size = 32): StringSink =>
    text.packed === true
      ? new StringTableBuilder({ strings, bytes: strings * size })
      : new StringArraySink();
  const random = mulberry32(shape.seed ?? 42);
  const users = syntheticUserCount(shape);
  const skewedUser = zipfSampler(users, random);
  const count = Math.floor(shape.edges / 3);
  const times = contributionTimes(count, shape.weeks, random);
  const capacity = Math.max(shape.edges, 2 * count);
  const edges = new EdgeColumns(capacity, sink(capacity));
  // E/3 contributions, each authored by a skewed choice of user.
  for (let c = 0; c < count; c++)
    edges.add('bench/authors/c', c, skewedUser(), users + c, times[c] as number);
  // E/3 reactions by skewed users, within a week of the contribution.
  const endMs = SYNTHETIC_START_MS + shape.weeks * WEEK_MS - 1;
  for (let r = 0; r < count; r++) {
    const c = Math.floor(random() * count);
    const user = skewedUser();
    const timestampMs = Math.min((times[c] as number) + Math.floor(random() * WEEK_MS), endMs);
    edges.add('bench/reacts/r', r, user, users + c, timestampMs);
  }
  // The remaining edges: references from a contribution to an older one.
  for (let r = 0; edges.length < shape.edges; r++) {
    const c = 1 + Math.floor(random() * (count - 1));
    const older = Math.floor(random() * c);
    edges.add('bench/references/x', r, users + c, users + older, times[c] as number);
  }
  const nodes = nodeColumns(users, times, text.titled === true, sink);
  return { ...nodes, ...edges.columns(), users, contributions: count };
}

/** Contribution times, uniform over the weeks, sorted. */
function contributionTimes(count: number, weeks: number, random: () => number): Float64Array {
  const spanMs = weeks * WEEK_MS;
  const times = new Float64Array(count);
  for (let c = 0; c < count; c++) times[c] = SYNTHETIC_START_MS + Math.floor(random() * spanMs);
  return times.sort();
}

function nodeColumns(
  users: number,
  times: Float64Array,
  titled: boolean,
  sink: (strings: number, size?: number) => StringSink,
) {
  const nodes = users + times.length;
  const [addresses, descriptions] = [sink(nodes), sink(nodes)];
  // A contribution's url is 28 to 34 bytes ("https://example.org/bench/c" and its number).
  const urls = titled ? sink(nodes, 40) : undefined;
  const nodeTimestampMs = new Float64Array(nodes).fill(NaN);
  for (let u = 0; u < users; u++) {
    addresses.pushNumbered('bench/user/u', u);
    descriptions.pushNumbered('user ', u);
    urls?.push('');
  }
  for (let c = 0; c < times.length; c++) {
    addresses.pushNumbered('bench/contribution/c', c);
    if (titled) {
      const title = TITLES[c % VERBS.length]?.[(c >> 3) % TOPICS.length] as string;
      descriptions.pushNumbered(title, c, ')');
      urls?.pushNumbered('https://example.org/bench/c', c);
    } else descriptions.pushNumbered('contribution ', c);
    nodeTimestampMs[users + c] = times[c] as number;
  }
  const urlColumn = urls?.finish() ?? new Array<string>(nodes).fill('');
  return {
    addresses: addresses.finish(),
    nodeAddress: Int32Array.from({ length: nodes }, (_, x) => x),
    nodeDescription: descriptions.finish(),
    nodeTimestampMs,
    // In a packed column "" is no url; as strings, no url is undefined.
    nodeUrl: isPacked(urlColumn) ? urlColumn : urlColumn.map((url) => url || undefined),
    nodeWeight: new Float64Array(nodes).fill(NaN),
    nodeContainer: new Int32Array(nodes).fill(-1),
  };
}

class EdgeColumns {
  length = 0;
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly time: Float64Array;

  constructor(
    capacity: number,
    private readonly address: StringSink,
  ) {
    this.src = new Int32Array(capacity);
    this.dst = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
  }

  /** An edge whose address is `prefix` then `number`. */
  add(prefix: string, number: number, src: number, dst: number, timestampMs: number): void {
    this.address.pushNumbered(prefix, number);
    this.src[this.length] = src;
    this.dst[this.length] = dst;
    this.time[this.length++] = timestampMs;
  }

  columns() {
    const m = this.length;
    return {
      edgeAddress: this.address.finish(),
      edgeSrc: this.src.subarray(0, m),
      edgeDst: this.dst.subarray(0, m),
      edgeTimestampMs: this.time.subarray(0, m),
      edgeWeight: new Float64Array(m).fill(NaN),
    };
  }
}

/** The community's users (what `syntheticCommunity` adds), without building the graph. */
export function syntheticIdentities(count: number): Identity[] {
  return Array.from({ length: count }, (_, u) => ({
    id: `id${u}` as IdentityId,
    name: `user${u}`,
    type: 'user' as const,
    aliases: [nodeAddress(['bench', 'user', `u${u}`])],
  }));
}

export function syntheticUserCount(shape: SyntheticShape): number {
  return shape.users ?? Math.round(1.6 * Math.sqrt(shape.edges));
}

function zipfSampler(count: number, random: () => number): () => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    total += 1 / (k + 1);
    cumulative[k] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}
