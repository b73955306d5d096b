/**
 * Turning schema failures into errors a maintainer can act on: the file, the field (as a dotted
 * path), what was expected, what was found, and what to do. Every `parse*` function that reads
 * user-edited input reports through here.
 */
import type { z } from 'zod';
import { ConfigError } from './errors.js';

/** Dotted path of a schema issue, e.g. `plugins.github.repositories.0`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Describes one zod issue in the words of a config file ("unknown field", "expected ..."). */
export function describeIssue(issue: z.core.$ZodIssue): { field: string; problem: string } {
  const field = issuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const at = field === '' ? '' : ` in "${field}"`;
    return {
      field: field === '' ? (issue.keys[0] ?? '') : `${field}.${issue.keys[0] ?? ''}`,
      problem: `unknown field ${keys}${at}`,
    };
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return { field, problem: `missing field "${field}"` };
  }
  return { field, problem: `field "${field}": ${issue.message}` };
}

/**
 * Parses `value` with `schema`, throwing a ConfigError naming `file`, the field and `fix`
 * (a suggestion, which may use the placeholder {field}).
 */
export function parseWithSchema<T>(
  schema: z.ZodType<T>,
  value: unknown,
  file: string,
  code: string,
  fix: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // An unknown field is usually a typo of a missing one: report it first.
  const issues = result.error.issues;
  const issue = (issues.find((i) => i.code === 'unrecognized_keys') ??
    issues[0]) as z.core.$ZodIssue;
  const { field, problem } = describeIssue(issue);
  throw new ConfigError(code, `${file}: ${problem}`, {
    ref: field === '' ? file : `${file}#${field}`,
    suggestions: [fix.replaceAll('{field}', field)],
  });
}
