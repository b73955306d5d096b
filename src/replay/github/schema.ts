/**
 * GitHub's published GraphQL schema, as graphql-js objects. Built from the `schema.json`
 * introspection result that `@octokit/graphql-schema` ships (its `schema.graphql` is rejected by
 * graphql-js's `buildSchema`: it declares some fields twice). The stand-in executes every query
 * against this schema, so a query that GitHub would reject fails in tests too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let cached: GraphQLSchema | undefined;

/** GitHub's schema (built once per process: the introspection file is about 5 MB). */
export function githubSchema(): GraphQLSchema {
  if (cached === undefined) {
    const index = fileURLToPath(import.meta.resolve('@octokit/graphql-schema'));
    const file = index.replace(/index\.js$/, 'schema.json');
    cached = buildClientSchema(JSON.parse(readFileSync(file, 'utf8')) as IntrospectionQuery);
  }
  return cached;
}
