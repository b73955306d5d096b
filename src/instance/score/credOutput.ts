/**
 * output/cred.json (`cred/scores` version 1): cred per identity per calendar week, with the
 * algorithm, its parameters, how it converged, and digests of the graphs and weights it came
 * from, so that a payout can check it is using current scores and a funder can check which
 * inputs produced them. Identities are sorted by id; numbers are written as computed.
 */
import * as z from 'zod';
import { compareStrings } from '../../core/canonicalJson.js';
import type { Identity } from '../../core/identity.js';
import { plainNumbers, totalCredOf, type CredScores } from '../../core/scores.js';
import { parseWithSchema } from '../../core/validation.js';
import { isoDate } from '../../core/weeks.js';

export const SCORES_FORMAT = { type: 'cred/scores', version: 1 } as const;

export interface ScoresInputs {
  readonly graphs: Readonly<Record<string, string>>;
  readonly graphDigest: string;
  readonly weightsDigest: string;
  /** Digest of the identities scored (ids and accounts): a merge changes it. */
  readonly identitiesDigest: string;
}

const identityScoresSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(['user', 'bot', 'organization', 'project']),
  totalCred: z.number(),
  cred: z.array(z.number()),
});

const scoresFileSchema = z.strictObject({
  type: z.literal('cred/scores'),
  version: z.literal(1),
  algorithm: z.string(),
  parameters: z.record(z.string(), z.union([z.number(), z.string()])),
  convergence: z.strictObject({
    iterations: z.number(),
    warmStart: z.boolean().optional(),
    residual: z.number(),
    converged: z.boolean(),
  }),
  inputs: z.strictObject({
    graphs: z.record(z.string(), z.string()),
    graphDigest: z.string(),
    weightsDigest: z.string(),
    identitiesDigest: z.string(),
  }),
  weeks: z.array(z.string()),
  totalMint: z.number(),
  totalCred: z.number(),
  identities: z.array(identityScoresSchema),
});

/** The scores file without weekly cred: the header of output/cred.credscores (scoresBinary.ts). */
export const scoresHeaderSchema = scoresFileSchema.extend({
  identities: z.array(identityScoresSchema.omit({ cred: true })),
});

export type ScoresFile = z.infer<typeof scoresFileSchema>;
export type IdentityScores = z.infer<typeof identityScoresSchema>;

export function toScoresFile(
  scores: CredScores,
  identities: readonly Identity[],
  parameters: Readonly<Record<string, number | string>>,
  inputs: ScoresInputs,
): ScoresFile {
  const rows = identities.map((identity, index) => {
    const weekly = scores.credByIdentity[index] as Float64Array;
    return {
      id: identity.id,
      name: identity.name,
      type: identity.type,
      totalCred: totalCredOf(weekly),
      cred: plainNumbers(weekly),
    };
  });
  rows.sort((a, b) => compareStrings(a.id, b.id));
  return {
    ...SCORES_FORMAT,
    algorithm: scores.algorithm,
    parameters: { ...parameters },
    convergence: { ...scores.convergence },
    inputs: {
      graphs: { ...inputs.graphs },
      graphDigest: inputs.graphDigest,
      weightsDigest: inputs.weightsDigest,
      identitiesDigest: inputs.identitiesDigest,
    },
    weeks: scores.weekStartsMs.map(isoDate),
    totalMint: scores.totalMint,
    totalCred: rows.reduce((sum, row) => sum + row.totalCred, 0),
    identities: rows,
  };
}

export function parseScoresFile(json: unknown, file: string): ScoresFile {
  return parseWithSchema(
    scoresFileSchema,
    json,
    file,
    'SCORES_INVALID',
    'Recompute it with "cred score".',
  );
}
