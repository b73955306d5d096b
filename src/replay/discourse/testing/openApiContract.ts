/**
 * Checks the stand-in's answers against Discourse's published OpenAPI description
 * (`contracts/discourse/openapi.json`), so the plugin is tested against the shapes a
 * real forum sends, not shapes invented here. Endpoints the description lacks
 * (`/post_action_users.json`) are not checked.
 *
 * The published schemas were generated from one admin's example answer each, so in places they
 * are stricter than real answers. `RELAXATIONS` lists every change made before validating, each
 * with the reason; everything else is validated as published (required fields,
 * `additionalProperties: false`, types).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { contractFile } from '../../contracts.js';

type Schema = Record<string, unknown>;

export const OPENAPI_FILE = contractFile('discourse', 'openapi.json');

interface Relaxation {
  readonly endpoint: string;
  /** Dotted property path; `[]` steps into array items. */
  readonly at: string;
  readonly change: (schema: Schema) => void;
  readonly why: string;
}

const nullableInteger = { type: ['integer', 'null'] };

const allowProperties =
  (properties: Record<string, unknown>) =>
  (schema: Schema): void => {
    schema.properties = { ...(schema.properties as Schema), ...properties };
  };
const setType = (type: unknown) => (schema: Schema) => {
  schema.type = (type as Schema).type;
};
const dropRequired =
  (keep: (field: string) => boolean) =>
  (schema: Schema): void => {
    schema.required = ((schema.required as string[]) ?? []).filter(keep);
  };

/** The public profile fields the stand-in sends; the rest are the user's own or staff's. */
const PUBLIC_PROFILE = new Set(
  'id username name avatar_template last_posted_at last_seen_at created_at ignored muted can_ignore_user can_mute_user can_send_private_messages can_send_private_message_to_user trust_level moderator admin title badge_count custom_fields time_read recent_time_read primary_group_id primary_group_name flair_group_id flair_name flair_url flair_bg_color flair_color featured_topic staged pending_count profile_view_count post_count topic_count invited_by groups'.split(
    ' ',
  ),
);

export const RELAXATIONS: readonly Relaxation[] = [
  {
    endpoint: '/latest.json',
    at: 'topic_list.topics[]',
    change: allowProperties({
      image_url: { type: ['string', 'null'] },
      bookmarked: { type: ['boolean', 'null'] },
      liked: { type: ['boolean', 'null'] },
    }),
    why: 'null when a topic has no image and, for anonymous callers, no bookmark or like state (as in the published example answer itself)',
  },
  {
    endpoint: '/categories.json',
    at: 'category_list.categories[].subcategory_ids',
    change: setType({ type: ['array', 'null'] }),
    why: 'null for a leaf category listed under parent_category_id (SourceCred recorded it from a real forum)',
  },
  {
    endpoint: '/latest.json',
    at: 'topic_list.topics[].posters[].extras',
    change: setType({ type: ['string', 'null'] }),
    why: 'null for every poster but the latest one',
  },
  ...['/t/{id}.json', '/t/{id}/posts.json'].flatMap((endpoint) => [
    {
      endpoint,
      at: 'post_stream.posts[].actions_summary[]',
      change: allowProperties({ count: { type: 'integer' }, acted: { type: 'boolean' } }),
      why: 'real answers carry the like count ({id: 2, count}) here; the description allows only id and can_act',
    },
    {
      endpoint,
      at: 'post_stream.posts[].reply_to_post_number',
      change: setType(nullableInteger),
      why: 'a post number, sent as an integer; typed as a string in the description',
    },
  ]),
  {
    endpoint: '/user_actions.json',
    at: 'user_actions[]',
    change: allowProperties({
      post_id: { type: ['integer', 'null'] },
      hidden: { type: ['boolean', 'null'] },
      post_type: { type: ['integer', 'null'] },
    }),
    why: 'post_id and post_type are integers and hidden a boolean in real answers; typed as strings',
  },
  {
    endpoint: '/u/{username}.json',
    at: 'user',
    change: dropRequired((field) => PUBLIC_PROFILE.has(field)),
    why: 'settings, tokens and permissions are required in the description but only the user and staff see them',
  },
  {
    endpoint: '/u/{username}.json',
    at: 'user.featured_topic',
    change: setType({ type: ['object', 'null'] }),
    why: 'null for people who started no topic',
  },
];

function subSchema(root: Schema, at: string): Schema {
  let schema = root;
  for (const step of at.split('.')) {
    const array = step.endsWith('[]');
    const name = array ? step.slice(0, -2) : step;
    schema = (schema.properties as Record<string, Schema>)[name] as Schema;
    if (schema === undefined) throw new Error(`openapi: no property "${name}" on the way to ${at}`);
    if (array) schema = schema.items as Schema;
  }
  return schema;
}

export interface DiscourseContract {
  /** Endpoint template a path matches (`/t/{id}.json`), or undefined when not described. */
  endpointOf(pathname: string): string | undefined;
  /** Validation errors of a 200 answer to GET `pathname` (empty when valid or not described). */
  check(pathname: string, body: unknown): string[];
}

export function loadDiscourseContract(file: string = OPENAPI_FILE): DiscourseContract {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Schema> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
  const validators = new Map<string, ValidateFunction>();
  const templates = Object.keys(spec.paths).filter((template) => getSchema(spec, template));
  const validatorFor = (template: string): ValidateFunction => {
    let validate = validators.get(template);
    if (validate === undefined) {
      const schema = structuredClone(getSchema(spec, template)) as Schema;
      for (const relaxation of RELAXATIONS.filter((r) => r.endpoint === template)) {
        relaxation.change(subSchema(schema, relaxation.at));
      }
      validate = ajv.compile(schema);
      validators.set(template, validate);
    }
    return validate;
  };
  const endpointOf = (pathname: string) =>
    templates.find((template) => templateRegExp(template).test(pathname));
  return {
    endpointOf,
    check(pathname, body) {
      const template = endpointOf(pathname);
      if (template === undefined) return [];
      const validate = validatorFor(template);
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (error) =>
          `${template}${error.instancePath}: ${error.message} ${JSON.stringify(error.params)}`,
      );
    },
  };
}

function getSchema(spec: { paths: Record<string, Schema> }, template: string): unknown {
  const get = spec.paths[template]?.get as Schema | undefined;
  const ok = (get?.responses as Record<string, Schema> | undefined)?.['200'];
  return ((ok?.content as Record<string, Schema> | undefined)?.['application/json'] as Schema)
    ?.schema;
}

function templateRegExp(template: string): RegExp {
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${pattern}$`);
}
