/**
 * Open Collective's published GraphQL schema (API v2), as graphql-js objects, built once per
 * process from `../shared/fixtures/opencollective/schemaV2.graphql` beside the project (the
 * file stays outside the repository; CI has `../shared` beside the clone). graphql 16 builds it
 * (17 refuses it). Its `DateTime` scalar is given Open Collective's parsing: a date-time with a
 * zone; a date alone ("2026-10-01") is refused, as the API refuses it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  GraphQLError,
  Kind,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { ConfigError } from '../../core/errors.js';

/** The project folder: src/replay/opencollective/ and dist/replay/opencollective/ are 3 deep. */
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const OPENCOLLECTIVE_SCHEMA_FILE = path.resolve(
  PROJECT,
  '..',
  'shared',
  'fixtures',
  'opencollective',
  'schemaV2.graphql',
);

let cached: GraphQLSchema | undefined;

export function openCollectiveSchema(file: string = OPENCOLLECTIVE_SCHEMA_FILE): GraphQLSchema {
  if (cached !== undefined && file === OPENCOLLECTIVE_SCHEMA_FILE) return cached;
  if (!existsSync(file)) {
    throw new ConfigError(
      'OPENCOLLECTIVE_SCHEMA_MISSING',
      `Open Collective's GraphQL schema is missing: expected it at ${file}`,
      {
        ref: file,
        suggestions: [
          'Put the shared fixtures beside the project (../shared/fixtures/opencollective/schemaV2.graphql, from opencollective/opencollective-api server/graphql/schemaV2.graphql).',
        ],
      },
    );
  }
  const schema = buildSchema(readFileSync(file, 'utf8'));
  strictDateTime(schema.getType('DateTime') as GraphQLScalarType);
  if (file === OPENCOLLECTIVE_SCHEMA_FILE) cached = schema;
  return schema;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(
      `DateTime cannot represent an invalid date-time-string ${JSON.stringify(value)}.`,
    );
  }
  return new Date(value);
}

function strictDateTime(scalar: GraphQLScalarType): void {
  const mutable = scalar as { -readonly [K in keyof GraphQLScalarType]: GraphQLScalarType[K] };
  mutable.parseValue = parseDateTime;
  mutable.parseLiteral = (node) => {
    if (node.kind !== Kind.STRING) {
      throw new GraphQLError(`DateTime cannot represent a non string value`, { nodes: node });
    }
    return parseDateTime(node.value);
  };
  mutable.serialize = (value) =>
    value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null;
}
