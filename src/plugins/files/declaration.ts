/**
 * The `files` plugin's types. Contributions recorded off-platform (a talk, a translation, an
 * event) are nodes under `files/contribution/<type>/<id>`, so a weight file can weigh each kind
 * of work separately (`files/contribution/talk`). People are `files/person/<name>`; the ledger
 * merges them with their platform accounts. A record's container is its folder
 * (`files/folder/<folders>`), so folders can be weighed and mapped to domains.
 */
import { edgeAddress, nodeAddress } from '../../core/address.js';
import type { PluginDeclaration } from '../../core/plugin.js';

export const FILES_PLUGIN = 'files';

export const CONTRIBUTION_PREFIX = nodeAddress([FILES_PLUGIN, 'contribution']);
export const PERSON_PREFIX = nodeAddress([FILES_PLUGIN, 'person']);
/** The container of a record: the folder it is in (`files/folder/media/2026`), never a node. */
export const FOLDER_PREFIX = nodeAddress([FILES_PLUGIN, 'folder']);
export const CONTRIBUTES_PREFIX = edgeAddress([FILES_PLUGIN, 'contributes']);
export const REFERENCES_PREFIX = edgeAddress([FILES_PLUGIN, 'references']);

export const filesDeclaration: PluginDeclaration = Object.freeze({
  name: FILES_PLUGIN,
  title: 'Contribution files',
  nodeTypes: Object.freeze([
    {
      name: 'Contribution',
      pluralName: 'Contributions',
      prefix: CONTRIBUTION_PREFIX,
      defaultWeight: 1,
      description: 'Work recorded in contributions/; its own "weight" multiplies this.',
    },
    {
      name: 'Person',
      pluralName: 'People',
      prefix: PERSON_PREFIX,
      defaultWeight: 0,
      description: 'Someone named as a contributor in a record.',
    },
  ]),
  edgeTypes: Object.freeze([
    {
      forwardName: 'contributes to',
      backwardName: 'is the work of',
      prefix: CONTRIBUTES_PREFIX,
      defaultWeight: Object.freeze({ forwards: 0.5, backwards: 1 }),
      description: "A person to a contribution; the record's share scales it.",
    },
    {
      forwardName: 'references',
      backwardName: 'is referenced by',
      prefix: REFERENCES_PREFIX,
      defaultWeight: Object.freeze({ forwards: 1, backwards: 0 }),
      description: 'A contribution to something it builds on (any node address).',
    },
  ]),
  userTypes: Object.freeze([PERSON_PREFIX]),
});
