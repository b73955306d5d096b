/**
 * Open Collective's published GraphQL schema (API v2), as graphql-js objects, built once per
 * process from the copy in `contracts/opencollective/schemaV2.graphql` (MIT, with its source and
 * how to refresh it in `contracts/README.md`). graphql 16 builds it
 * (17 refuses it). Its `DateTime` scalar is given Open Collective's parsing: a date-time with a
 * zone; a date alone ("2026-10-01") is refused, as the API refuses it.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  buildSchema,
  GraphQLError,
  Kind,
  type GraphQLScalarType,
  type GraphQLSchema,
} from 'graphql';
import { ConfigError } from '../../core/errors.js';
import { contractFile } from '../contracts.js';

export const OPENCOLLECTIVE_SCHEMA_FILE = contractFile('opencollective', 'schemaV2.graphql');

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
          'The file ships with cred (contracts/opencollective/schemaV2.graphql): reinstall cred, or restore the file from git.',
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
