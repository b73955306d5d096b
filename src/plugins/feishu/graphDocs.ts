/**
 * Wiki spaces to graph (pure). A document is owned (authored) by its owner from the day it was
 * created. Feishu has no edit history over REST, so each load records the document's last
 * editor and day when its edit time moves; each such observation is an edit node, minted for the
 * editor and pointing at the document. The history is therefore as fine as loads are frequent,
 * and an editor who is not the last before a load goes unseen (docs/decisions/0202).
 */
import type { NodeAddress } from '../../core/address.js';
import { docAddress, editAddress, spaceAddress } from './addresses.js';
import { AUTHORS_PREFIX, EDIT_OF_PREFIX, EDITS_PREFIX } from './declaration.js';
import type { DocLinkResolver } from './graphChats.js';
import type { GraphBuild } from './graphBuild.js';
import type { FeishuSnapshot } from './snapshot.js';

/** Adds the spaces' documents; returns a resolver for links to them. */
export function addDocs(build: GraphBuild, snapshot: FeishuSnapshot): DocLinkResolver {
  for (const space of snapshot.spaces) {
    build.graph.addNode({
      address: spaceAddress(space.spaceId),
      description: space.name ?? `wiki space ${space.spaceId}`,
      timestampMs: null,
    });
  }
  const byToken = new Map<string, NodeAddress>();
  const titles = new Map<string, string>();
  const spaceOfDoc = new Map<string, string>();
  for (const node of snapshot.wikiNodes) {
    const existing = byToken.get(node.obj_token);
    if (existing !== undefined) {
      byToken.set(node.node_token, existing); // a second wiki node for the same document
      continue;
    }
    const address = docAddress(node.space_id, node.obj_type, node.obj_token);
    byToken.set(node.node_token, address);
    byToken.set(node.obj_token, address);
    titles.set(node.obj_token, node.title);
    spaceOfDoc.set(node.obj_token, node.space_id);
    const meta = snapshot.metas.get(node.obj_token);
    const createdS = meta?.create_time ?? node.obj_create_time;
    const createdMs = createdS === undefined ? null : Number(createdS) * 1000;
    build.graph.addNode({
      address,
      description: node.title === '' ? `(untitled ${node.obj_type})` : node.title,
      timestampMs: createdMs,
      container: spaceAddress(node.space_id),
      ...(meta?.url === undefined ? {} : { url: meta.url }),
    });
    const owner = meta?.owner_id || node.owner;
    if (owner && createdMs !== null)
      build.edge(AUTHORS_PREFIX, build.account(owner, 'user'), address, createdMs);
  }
  for (const edit of snapshot.edits) {
    const doc = byToken.get(edit.objToken);
    const spaceId = spaceOfDoc.get(edit.objToken);
    if (doc === undefined || spaceId === undefined) continue;
    const address = editAddress(spaceId, edit.objToken, edit.userId, edit.day);
    const editor = build.account(edit.userId, 'user');
    build.graph.addNode({
      address,
      description: `${build.nameOf(edit.userId)} edited "${titles.get(edit.objToken)}" on ${edit.day}`,
      timestampMs: edit.timeMs,
      container: spaceAddress(spaceId),
    });
    build.edge(EDITS_PREFIX, editor, address, edit.timeMs);
    build.edge(EDIT_OF_PREFIX, address, doc, edit.timeMs);
  }
  return (url) => resolveDocLink(url, byToken);
}

const FEISHU_HOST = /(^|\.)(feishu\.cn|feishu\.net|larksuite\.com|larkoffice\.com)$/;
const DOC_PATH = /^\/(?:wiki|docx|docs|doc|sheets|base|file|mindnotes|slides)\/([A-Za-z0-9]+)/;

function resolveDocLink(
  url: string,
  byToken: ReadonlyMap<string, NodeAddress>,
): NodeAddress | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!FEISHU_HOST.test(parsed.hostname)) return undefined;
  const token = DOC_PATH.exec(parsed.pathname)?.[1];
  return token === undefined ? undefined : byToken.get(token);
}
