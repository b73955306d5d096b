/**
 * The stand-in's document APIs: a wiki space, its node tree (listed one parent at a time, at
 * most 50 a page, with an empty page that still says `has_more` as the platform documents), and
 * `drive/v1/metas/batch_query` for owners and last editors (times in seconds, at most 200
 * documents a request; unknown ones come back in `failed_list`).
 */
import type { Router } from 'express';
import { fail, INVALID_PARAMETER, ok, pageOf, secondsText } from './answers.js';
import type { DatasetWikiNode, FeishuDataset } from './dataset.js';

/** The path segment of each document type in its web URL. */
const URL_SEGMENT: Readonly<Record<string, string>> = {
  docx: 'docx',
  doc: 'docs',
  sheet: 'sheets',
  bitable: 'base',
  mindnote: 'mindnotes',
  file: 'file',
  slides: 'slides',
};

/** Feishu's code for "no such document" in batch_query. */
const DOC_NOT_FOUND = 970005;

export function mountDocs(
  router: Router,
  data: () => FeishuDataset,
  maxPageItems: number | undefined,
): void {
  const spaceOf = (spaceId: unknown) =>
    data().wikiSpaces.find((space) => space.spaceId === spaceId);

  router.get('/wiki/v2/spaces/:space_id', (request, response) => {
    const space = spaceOf(request.params.space_id);
    if (space === undefined)
      return fail(response, 400, 131006, 'permission denied: not a member of the space');
    ok(response, {
      space: {
        space_id: space.spaceId,
        name: space.name,
        visibility: 'private',
        space_type: 'team',
      },
    });
  });

  router.get('/wiki/v2/spaces/:space_id/nodes', (request, response) => {
    const space = spaceOf(request.params.space_id);
    if (space === undefined)
      return fail(response, 400, 131006, 'permission denied: not a member of the space');
    const parent =
      typeof request.query.parent_node_token === 'string' ? request.query.parent_node_token : '';
    const nodes = space.nodes
      .filter((node) => (node.parent ?? '') === parent)
      .map((node) => nodeAnswer(space.spaceId, node, space.nodes));
    const options = { defaultSize: 20, maxSize: 50, maxPageItems, emptyPageAfterFirst: true };
    const page = pageOf(request, response, nodes, options);
    if (page !== undefined) ok(response, page);
  });

  router.post('/drive/v1/metas/batch_query', (request, response) => {
    const body = request.body as { request_docs?: unknown; with_url?: unknown } | undefined;
    const docs = Array.isArray(body?.request_docs)
      ? (body.request_docs as { doc_token?: unknown; doc_type?: unknown }[])
      : undefined;
    if (docs === undefined || docs.length === 0 || docs.length > 200) {
      return fail(
        response,
        400,
        INVALID_PARAMETER,
        'field validation failed: request_docs must hold 1..200 documents',
      );
    }
    const all = data().wikiSpaces.flatMap((space) => space.nodes);
    const metas: unknown[] = [];
    const failed: unknown[] = [];
    for (const doc of docs) {
      const node = all.find(
        (candidate) => candidate.objToken === doc.doc_token && candidate.objType === doc.doc_type,
      );
      if (node === undefined) failed.push({ token: String(doc.doc_token), code: DOC_NOT_FOUND });
      else metas.push(metaAnswer(data(), node, body?.with_url === true));
    }
    ok(response, { metas, failed_list: failed });
  });
}

function nodeAnswer(
  spaceId: string,
  node: DatasetWikiNode,
  all: readonly DatasetWikiNode[],
): Record<string, unknown> {
  return {
    space_id: spaceId,
    node_token: node.token,
    obj_token: node.objToken,
    obj_type: node.objType,
    parent_node_token: node.parent ?? '',
    node_type: 'origin',
    origin_node_token: node.token,
    origin_space_id: spaceId,
    has_child: all.some((other) => other.parent === node.token),
    title: node.title,
    obj_create_time: secondsText(node.created),
    obj_edit_time: secondsText(node.edited),
    node_create_time: secondsText(node.created),
    creator: node.owner,
    owner: node.owner,
  };
}

function metaAnswer(
  data: FeishuDataset,
  node: DatasetWikiNode,
  withUrl: boolean,
): Record<string, unknown> {
  return {
    doc_token: node.objToken,
    doc_type: node.objType,
    title: node.title,
    owner_id: node.owner,
    create_time: secondsText(node.created),
    latest_modify_user: node.lastEditor ?? node.owner,
    latest_modify_time: secondsText(node.edited),
    ...(withUrl
      ? {
          url: `${data.tenantUrl.replace(/\/+$/, '')}/${URL_SEGMENT[node.objType]}/${node.objToken}`,
        }
      : {}),
  };
}
