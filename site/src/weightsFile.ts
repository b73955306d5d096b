/**
 * Edited weights: the edits a reader makes on the Weights view, as URL text (so a what-if has
 * a stable link) and as the weight files to commit (so it can become a pull request). An
 * edited key goes back to the file that set it; a key that was a plugin's declared default
 * goes to weights/<plugin>.json (created when the instance has none).
 */
import { canonicalJsonFile } from '../../src/core/canonicalJson.js';
import type { EdgeWeight } from '../../src/core/plugin.js';
import type { SiteWeights } from '../../src/instance/site/format.js';

export interface Edits {
  readonly nodes: Map<string, number>;
  readonly edges: Map<string, EdgeWeight>;
}

export function emptyEdits(): Edits {
  return { nodes: new Map(), edges: new Map() };
}

/** `n:<key>=<weight>` and `e:<key>=<forwards>,<backwards>`, joined by `;`. */
export function editsToText(edits: Edits): string {
  const parts: string[] = [];
  for (const [key, value] of [...edits.nodes].sort()) parts.push(`n:${key}=${value}`);
  for (const [key, value] of [...edits.edges].sort()) {
    parts.push(`e:${key}=${value.forwards},${value.backwards}`);
  }
  return parts.join(';');
}

/** Parses editsToText's form; entries naming unknown keys or bad numbers are dropped. */
export function editsFromText(text: string, weights: SiteWeights): Edits {
  const edits = emptyEdits();
  const valid = (value: number) => Number.isFinite(value) && value >= 0;
  for (const part of text.split(';')) {
    const match = /^([ne]):(.+)=([^=]+)$/.exec(part);
    if (match === null) continue;
    const [, section, key, value] = match as unknown as [string, string, string, string];
    if (section === 'n' && weights.nodes.some((row) => row.key === key) && valid(Number(value))) {
      edits.nodes.set(key, Number(value));
    }
    const [forwards, backwards] = value.split(',').map(Number) as [number, number];
    if (
      section === 'e' &&
      weights.edges.some((row) => row.key === key) &&
      valid(forwards) &&
      valid(backwards)
    ) {
      edits.edges.set(key, { forwards, backwards });
    }
  }
  return edits;
}

/** The weights in force with the edits applied. */
export function editedWeights(weights: SiteWeights, edits: Edits) {
  return {
    nodes: new Map(weights.nodes.map((row) => [row.key, edits.nodes.get(row.key) ?? row.weight])),
    edges: new Map(
      weights.edges.map((row) => [
        row.key,
        edits.edges.get(row.key) ?? { forwards: row.forwards, backwards: row.backwards },
      ]),
    ),
  };
}

export interface WeightFileText {
  readonly file: string;
  readonly text: string;
}

/** The weight files the edits change, with their full new content. */
export function editedWeightFiles(weights: SiteWeights, edits: Edits): WeightFileText[] {
  const files = new Map<
    string,
    { description?: string; nodes: Record<string, number>; edges: Record<string, EdgeWeight> }
  >();
  /** The knob sections of a file, which the what-if does not edit, as they were. */
  const knobsOf = (index: number) => {
    const { budgets, containers, reactions } = weights.files[index] ?? {};
    return {
      ...(budgets === undefined ? {} : { budgets }),
      ...(containers === undefined ? {} : { containers }),
      ...(reactions === undefined ? {} : { reactions }),
    };
  };
  const fileFor = (row: { file: number; plugin: string }): string =>
    row.file >= 0 ? (weights.files[row.file]?.file as string) : `weights/${row.plugin}.json`;
  const contentOf = (file: string) => {
    let content = files.get(file);
    if (content === undefined) {
      const index = weights.files.findIndex((entry) => entry.file === file);
      const description = weights.files[index]?.description;
      content = {
        ...(description === undefined ? {} : { description }),
        ...knobsOf(index),
        nodes: {},
        edges: {},
      };
      for (const row of weights.nodes)
        if (index >= 0 && row.file === index) content.nodes[row.key] = row.weight;
      for (const row of weights.edges) {
        if (index >= 0 && row.file === index)
          content.edges[row.key] = { forwards: row.forwards, backwards: row.backwards };
      }
      files.set(file, content);
    }
    return content;
  };
  for (const row of weights.nodes) {
    const value = edits.nodes.get(row.key);
    if (value !== undefined && value !== row.weight) contentOf(fileFor(row)).nodes[row.key] = value;
  }
  for (const row of weights.edges) {
    const value = edits.edges.get(row.key);
    if (
      value !== undefined &&
      (value.forwards !== row.forwards || value.backwards !== row.backwards)
    ) {
      contentOf(fileFor(row)).edges[row.key] = value;
    }
  }
  return [...files]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, content]) => ({
      file,
      text: canonicalJsonFile({ type: 'cred/weights', version: 1, ...content }),
    }));
}
