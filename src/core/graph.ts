/**
 * The contribution graph: nodes (contributions, accounts, containers) and timestamped edges
 * between them. It stores no type weights (those live in weight files); a node or edge may
 * carry an intrinsic `weight` multiplier that the data itself supplies (a task's agreed points,
 * a contributor's share), which the weight files then scale.
 *
 * `add*` throws when the address is present; `merge*` is idempotent and throws only when the
 * same address arrives with different content. Edges may dangle (an endpoint absent from the
 * graph): plugins may point at nodes they do not own, and every algorithm ignores dangling
 * edges. Users are timeless (`timestampMs: null`); edges always carry a time, which is what
 * places cred in calendar weeks.
 *
 * Storage is columnar (graphColumns.ts): an address table and typed arrays, so a million-edge
 * graph is not a million objects. `addNode`/`addEdge` take the simple object form (what small
 * plugins write); `fromColumns` takes a whole graph as columns (what bulk plugins and the graph
 * file hand over); `nodes()`/`edges()` build objects on the fly for code that wants them, and
 * `columns()` gives algorithms the integer form. Address lookups use maps built on first use,
 * and a graph file's descriptions, urls and edge addresses are decoded on first use
 * (graphStrings.ts), so a graph read from a file and only scored does neither.
 */
import type { EdgeAddress, NodeAddress } from './address.js';
import { CredError } from './errors.js';
import { checkEdge, checkNode, duplicateEdge, sameEdge, sameNode } from './graphChecks.js';
import {
  checkColumns,
  float64Column,
  int32Column,
  type BulkGraphColumns,
  type GraphColumns,
} from './graphColumns.js';
import {
  decodedStrings,
  decodedUrls,
  storedStringAt,
  storedUrlAt,
  storeOf,
  urlStoreOf,
  type FileGraphColumns,
  type NumericGraphColumns,
  type StoredGraphColumns,
  type StringStore,
  type UrlStore,
} from './graphStrings.js';

export type { BulkGraphColumns, GraphColumns, PackedStrings } from './graphColumns.js';
export type { StoredGraphColumns } from './graphStrings.js';

export interface GraphNode {
  readonly address: NodeAddress;
  /** One line of markdown: what this node is ("#12: Fix the parser"). */
  readonly description: string;
  readonly timestampMs: number | null;
  /** Where a human can see the contribution. */
  readonly url?: string;
  /** Intrinsic mint multiplier supplied by the data (points, shares); 1 when absent. */
  readonly weight?: number;
  /** The container (repository, category, chat, table) the node belongs to. */
  readonly container?: NodeAddress;
}

export interface GraphEdge {
  readonly address: EdgeAddress;
  readonly src: NodeAddress;
  readonly dst: NodeAddress;
  readonly timestampMs: number;
  /** Intrinsic multiplier applied to both directions (a contributor's share); 1 when absent. */
  readonly weight?: number;
}

/**
 * Marks a Graph across copies of cred's code: a community plugin that builds a `Graph` imports
 * cred's published modules, while the CLI runs a bundle with its own copy of the class, so
 * `instanceof` checks this mark instead of the class.
 */
const GRAPH: unique symbol = Symbol.for('cred.Graph');

export class Graph {
  readonly [GRAPH] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { [GRAPH]?: unknown })[GRAPH] === true
    );
  }

  // String columns as stored (graphStrings.ts): a graph file's or a bulk plugin's packed one
  // is decoded on first use, through the getters below; encodeGraph writes it as it is.
  private addressStore: StringStore = [];
  private addressIds: Map<string, number> | null = new Map();
  /** Node index of each address id, -1 for an address with no node. */
  private nodeOfAddress = int32Column();
  private nodeAddressId = int32Column();
  private descriptionStore: StringStore = [];
  private nodeTime = float64Column();
  private urlStore: UrlStore = [];
  private nodeWeight = float64Column();
  private nodeContainer = int32Column();
  private edgeAddressStore: StringStore = [];
  private edgeIds: Map<string, number> | null = new Map();
  private edgeSrc = int32Column();
  private edgeDst = int32Column();
  private edgeTime = float64Column();
  private edgeWeight = float64Column();

  get nodeCount(): number {
    return this.nodeAddressId.length;
  }

  get edgeCount(): number {
    return this.edgeSrc.length;
  }

  private get addressList(): string[] {
    return (this.addressStore = decodedStrings(this.addressStore));
  }

  private get nodeDescription(): string[] {
    return (this.descriptionStore = decodedStrings(this.descriptionStore));
  }

  private get nodeUrl(): (string | undefined)[] {
    return (this.urlStore = decodedUrls(this.urlStore));
  }

  private get edgeAddressList(): string[] {
    return (this.edgeAddressStore = decodedStrings(this.edgeAddressStore));
  }

  /** The address of edge `index`, without decoding every edge address of a graph file. */
  edgeAddressAt(index: number): EdgeAddress {
    return storedStringAt(this.edgeAddressStore, index) as EdgeAddress;
  }

  node(address: NodeAddress): GraphNode | undefined {
    const id = this.ids().get(address);
    const index = id === undefined ? -1 : this.nodeOfAddress.at(id);
    return index === -1 ? undefined : this.nodeAt(index);
  }

  edge(address: EdgeAddress): GraphEdge | undefined {
    const index = this.edgeIndex().get(address);
    return index === undefined ? undefined : this.edgeAt(index);
  }

  hasNode(address: NodeAddress): boolean {
    const id = this.ids().get(address);
    return id !== undefined && this.nodeOfAddress.at(id) !== -1;
  }

  /**
   * The node index of address `id` (an index into the graph's address table, as a Markov
   * process's baseAddressIds holds them); -1 when no node has that address. No address is
   * decoded or looked up by string.
   */
  nodeIndexOfAddressId(id: number): number {
    return id >= 0 && id < this.nodeOfAddress.length ? this.nodeOfAddress.at(id) : -1;
  }

  /**
   * The node at `index` (0 <= index < nodeCount, insertion order) as an object. Its strings are
   * read one by one from a graph file's tables (which decode themselves whole once many are),
   * so describing a few nodes of a large graph decodes a few strings.
   */
  nodeAt(index: number): GraphNode {
    const time = this.nodeTime.at(index);
    const url = storedUrlAt(this.urlStore, index);
    const weight = this.nodeWeight.at(index);
    const container = this.nodeContainer.at(index);
    const address = (id: number) => storedStringAt(this.addressStore, id) as NodeAddress;
    return {
      address: address(this.nodeAddressId.at(index)),
      description: storedStringAt(this.descriptionStore, index),
      timestampMs: Number.isNaN(time) ? null : time,
      ...(url === undefined ? {} : { url }),
      ...(Number.isNaN(weight) ? {} : { weight }),
      ...(container === -1 ? {} : { container: address(container) }),
    };
  }

  /** The edge at `index` (0 <= index < edgeCount, insertion order) as an object. */
  edgeAt(index: number): GraphEdge {
    const weight = this.edgeWeight.at(index);
    return {
      address: this.edgeAddressList[index] as EdgeAddress,
      src: this.addressList[this.edgeSrc.at(index)] as NodeAddress,
      dst: this.addressList[this.edgeDst.at(index)] as NodeAddress,
      timestampMs: this.edgeTime.at(index),
      ...(Number.isNaN(weight) ? {} : { weight }),
    };
  }

  *nodes(): IterableIterator<GraphNode> {
    for (let index = 0; index < this.nodeCount; index++) yield this.nodeAt(index);
  }

  *edges(): IterableIterator<GraphEdge> {
    for (let index = 0; index < this.edgeCount; index++) yield this.edgeAt(index);
  }

  /** The graph as columns (views of its storage: read them, do not write them). */
  columns(): GraphColumns {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const graph = this;
    return {
      ...this.storedColumns(),
      addresses: this.addressList,
      get nodeDescription() {
        return graph.nodeDescription;
      },
      get nodeUrl() {
        return graph.nodeUrl;
      },
      get edgeAddress() {
        return graph.edgeAddressList;
      },
    };
  }

  /**
   * The columns as stored: a string column read from a graph file or handed over packed by a
   * bulk plugin stays undecoded (what encodeGraph writes without making a string of it).
   */
  storedColumns(): StoredGraphColumns {
    return {
      addresses: this.addressStore,
      nodeAddress: this.nodeAddressId.view(),
      nodeDescription: this.descriptionStore,
      nodeTimestampMs: this.nodeTime.view(),
      nodeUrl: this.urlStore,
      nodeWeight: this.nodeWeight.view(),
      nodeContainer: this.nodeContainer.view(),
      edgeAddress: this.edgeAddressStore,
      edgeSrc: this.edgeSrc.view(),
      edgeDst: this.edgeDst.view(),
      edgeTimestampMs: this.edgeTime.view(),
      edgeWeight: this.edgeWeight.view(),
    };
  }

  /** Adds a node; throws GRAPH_DUPLICATE_NODE when the address is already present. */
  addNode(node: GraphNode): this {
    if (this.hasNode(node.address)) {
      throw new CredError('GRAPH_DUPLICATE_NODE', `graph already has node "${node.address}"`, {
        suggestions: ['Use mergeNode to add a node that may already be present.'],
      });
    }
    checkNode(node);
    const id = this.intern(node.address);
    this.nodeOfAddress.set(id, this.nodeCount);
    this.nodeAddressId.push(id);
    this.nodeTime.push(node.timestampMs ?? Number.NaN);
    this.nodeUrl.push(node.url);
    this.nodeWeight.push(node.weight ?? Number.NaN);
    this.nodeContainer.push(node.container === undefined ? -1 : this.intern(node.container));
    this.nodeDescription.push(node.description);
    return this;
  }

  /** Adds an edge; throws GRAPH_DUPLICATE_EDGE when the address is already present. */
  addEdge(edge: GraphEdge): this {
    const edgeIds = this.edgeIndex();
    if (edgeIds.has(edge.address)) throw duplicateEdge(edge.address);
    checkEdge(edge);
    edgeIds.set(edge.address, this.edgeCount);
    this.edgeSrc.push(this.intern(edge.src));
    this.edgeDst.push(this.intern(edge.dst));
    this.edgeTime.push(edge.timestampMs);
    this.edgeWeight.push(edge.weight ?? Number.NaN);
    this.edgeAddressList.push(edge.address);
    return this;
  }

  /** Adds a node unless an identical one is present; throws on a conflicting one. */
  mergeNode(node: GraphNode): this {
    const existing = this.node(node.address);
    if (existing === undefined) return this.addNode(node);
    if (!sameNode(existing, node)) {
      throw new CredError(
        'GRAPH_CONFLICTING_NODE',
        `node "${node.address}" is present with different content`,
        { suggestions: ['Two sources describe the same node differently; make them agree.'] },
      );
    }
    return this;
  }

  /** Adds an edge unless an identical one is present; throws on a conflicting one. */
  mergeEdge(edge: GraphEdge): this {
    const existing = this.edge(edge.address);
    if (existing === undefined) return this.addEdge(edge);
    if (!sameEdge(existing, edge)) {
      throw new CredError(
        'GRAPH_CONFLICTING_EDGE',
        `edge "${edge.address}" is present with different content`,
        { suggestions: ['Two sources describe the same edge differently; make them agree.'] },
      );
    }
    return this;
  }

  /** Merges every node and edge of `other` into this graph (idempotent). */
  merge(other: Graph): this {
    const ids = this.ids();
    for (let x = 0; x < other.nodeCount; x++) {
      const id = ids.get(other.addressList[other.nodeAddressId.at(x)] as string);
      if (id !== undefined && this.nodeOfAddress.at(id) !== -1) this.mergeNode(other.nodeAt(x));
      else this.copyNode(other, x);
    }
    const edgeIds = this.edgeIndex();
    for (let e = 0; e < other.edgeCount; e++) {
      if (edgeIds.has(other.edgeAddressList[e] as string)) this.mergeEdge(other.edgeAt(e));
      else this.copyEdge(other, e);
    }
    return this;
  }

  /** A new graph holding the union of `graphs` (empty graphs cost nothing). */
  static union(graphs: Iterable<Graph>): Graph {
    const present = [...graphs].filter((graph) => graph.nodeCount + graph.edgeCount > 0);
    const first = present[0];
    const result = first === undefined ? new Graph() : Graph.fromColumns(first.columns());
    for (const graph of present.slice(1)) result.merge(graph);
    return result;
  }

  private copyNode(other: Graph, x: number): void {
    const id = this.intern(other.addressList[other.nodeAddressId.at(x)] as string);
    const container = other.nodeContainer.at(x);
    this.nodeOfAddress.set(id, this.nodeCount);
    this.nodeAddressId.push(id);
    this.nodeTime.push(other.nodeTime.at(x));
    this.nodeUrl.push(other.nodeUrl[x]);
    this.nodeWeight.push(other.nodeWeight.at(x));
    this.nodeContainer.push(
      container === -1 ? -1 : this.intern(other.addressList[container] as string),
    );
    this.nodeDescription.push(other.nodeDescription[x] as string);
  }

  private copyEdge(other: Graph, e: number): void {
    const address = other.edgeAddressList[e] as string;
    this.edgeIndex().set(address, this.edgeCount);
    this.edgeSrc.push(this.intern(other.addressList[other.edgeSrc.at(e)] as string));
    this.edgeDst.push(this.intern(other.addressList[other.edgeDst.at(e)] as string));
    this.edgeTime.push(other.edgeTime.at(e));
    this.edgeWeight.push(other.edgeWeight.at(e));
    this.edgeAddressList.push(address);
  }

  /**
   * A graph from columns, without an object per node or edge (the arrays are adopted, not
   * copied). Checks what addNode/addEdge check (indexes in range, one node per address, finite
   * times, weights >= 0); edge addresses are checked for duplicates when first looked up.
   */
  static fromColumns(columns: BulkGraphColumns, where = 'graph columns'): Graph {
    const nodeOfAddress = checkColumns(columns, where);
    const graph = Graph.adopt(columns, nodeOfAddress, storeOf(columns.addresses, where));
    graph.descriptionStore = storeOf(columns.nodeDescription, where);
    graph.urlStore = urlStoreOf(columns.nodeUrl, where);
    graph.edgeAddressStore = storeOf(columns.edgeAddress, where);
    return graph;
  }

  /**
   * A graph file's columns (graphBinary.ts, which checked them and found each address's node):
   * its strings stay undecoded until something reads them.
   */
  static fromFile(columns: FileGraphColumns, nodeOfAddress: Int32Array): Graph {
    const graph = Graph.adopt(columns, nodeOfAddress, columns.addresses);
    graph.descriptionStore = columns.descriptions;
    graph.urlStore = columns.urls;
    graph.edgeAddressStore = columns.edgeAddresses;
    return graph;
  }

  private static adopt(
    columns: Omit<NumericGraphColumns, 'addresses'>,
    nodeOfAddress: Int32Array,
    addresses: StringStore,
  ): Graph {
    const graph = new Graph();
    graph.addressStore = addresses;
    graph.addressIds = null;
    graph.nodeOfAddress = int32Column(nodeOfAddress);
    graph.nodeAddressId = int32Column(columns.nodeAddress);
    graph.nodeTime = float64Column(columns.nodeTimestampMs);
    graph.nodeWeight = float64Column(columns.nodeWeight);
    graph.nodeContainer = int32Column(columns.nodeContainer);
    graph.edgeIds = null;
    graph.edgeSrc = int32Column(columns.edgeSrc);
    graph.edgeDst = int32Column(columns.edgeDst);
    graph.edgeTime = float64Column(columns.edgeTimestampMs);
    graph.edgeWeight = float64Column(columns.edgeWeight);
    return graph;
  }

  private ids(): Map<string, number> {
    if (this.addressIds === null) {
      this.addressIds = new Map();
      this.addressList.forEach((address, id) => this.addressIds!.set(address, id));
    }
    return this.addressIds;
  }

  private edgeIndex(): Map<string, number> {
    if (this.edgeIds === null) {
      const ids = new Map<string, number>();
      this.edgeAddressList.forEach((address, index) => {
        if (ids.has(address)) throw duplicateEdge(address);
        ids.set(address, index);
      });
      this.edgeIds = ids;
    }
    return this.edgeIds;
  }

  private intern(address: string): number {
    const ids = this.ids();
    let id = ids.get(address);
    if (id === undefined) {
      id = this.addressList.length;
      ids.set(address, id);
      this.addressList.push(address);
      this.nodeOfAddress.push(-1);
    }
    return id;
  }
}
