/**
 * CredRank over calendar weeks. Cred minted at contributions random-walks through the graph;
 * when it reaches a participant's week, a share beta is banked as that week's cred, some webs
 * to the neighbouring weeks, some flows on along the participant's edges and the rest radiates
 * back to the seed. Cred is the stationary flow on the payout edges, scaled so that the cred of
 * all participants over all weeks equals the total minted weight (the invariant the tests
 * check). SourceCred 0.11's formulation; the per-week PageRank it replaced is not used because
 * its memory grows with weeks times graph size.
 */
import type { Graph } from '../graph.js';
import type { Identity } from '../identity.js';
import type { CredScores } from '../scores.js';
import type { Weights } from '../weights.js';
import { WEEK_MS } from '../weeks.js';
import { buildMarkovProcess, participantWeek, type MarkovProcess } from './markovProcess.js';
import { checkCredRankParams, DEFAULT_CREDRANK_PARAMS, type CredRankParams } from './params.js';
import { stationaryDistribution, type StepObserver } from './stationary.js';
import { warmStartVector, type StationaryState } from './warmStart.js';

export interface CredRankResult extends CredScores {
  readonly algorithm: 'credrank';
  readonly process: MarkovProcess;
  readonly stationary: Float64Array;
  /** Cred per unit of stationary probability: cred(x) = stationary[x] * scale. */
  readonly scale: number;
}

/**
 * What a run tells as it goes, for a command to show progress on a large graph: the Markov
 * process once built, then every step of the iteration. Observing changes nothing computed.
 */
export interface CredRankObserver {
  /** The process is built: its nodes and transitions (the CSR's inflows). */
  readonly built?: (nodes: number, transitions: number) => void;
  readonly step?: StepObserver;
}

export function computeCredRank(
  graph: Graph,
  weights: Weights,
  identities: readonly Identity[],
  params: CredRankParams = DEFAULT_CREDRANK_PARAMS,
  previous: StationaryState | null = null,
  observer: CredRankObserver = {},
): CredRankResult {
  checkCredRankParams(params);
  const process = buildMarkovProcess(graph, weights, identities, params);
  observer.built?.(process.nodeCount, process.inStart[process.nodeCount] as number);
  const start = previous === null ? null : warmStartVector(previous, process, identities);
  let { probability, convergence } = stationaryDistribution(process, start, observer.step);
  let payoutMass = payoutMassOf(process, probability);
  if (start !== null && payoutMass < MIN_WARM_PAYOUT) {
    // Cred divides by the payout mass, so a small one magnifies how the iteration approached
    // its answer, and a warm start approaches it differently: such a run starts cold.
    ({ probability, convergence } = stationaryDistribution(process, null, observer.step));
    payoutMass = payoutMassOf(process, probability);
  }
  const weekCount = process.weekCount;
  const scale = payoutMass > 0 ? process.totalMint / payoutMass : 0;
  const share = payoutMass > 0 ? params.beta / payoutMass : 0;
  const credByIdentity = identities.map(() => new Float64Array(weekCount));
  process.participants.forEach((identity, slot) => {
    const weekly = credByIdentity[identity] as Float64Array;
    for (let t = 0; t < weekCount; t++) {
      weekly[t] =
        (probability[participantWeek(process, slot, t)] as number) * share * process.totalMint;
    }
  });
  const weekStartsMs = Array.from(
    { length: weekCount },
    (_, t) => process.firstWeekMs + t * WEEK_MS,
  );
  return {
    algorithm: 'credrank',
    weekStartsMs,
    credByIdentity,
    totalMint: process.totalMint,
    convergence,
    process,
    stationary: probability,
    scale,
  };
}

/**
 * Below this payout mass a warm start is not used (computeCredRank, decision 0796): on random
 * communities warm and cold then differ by up to 1.2e-9 of the mint; above it by 3.2e-10 at
 * most. A real community's is ~0.12 (the bench shapes).
 */
export const MIN_WARM_PAYOUT = 0.01;

/** The stationary flow on the payout edges: what all participant-weeks bank. */
export function payoutMassOf(process: MarkovProcess, probability: Float64Array): number {
  const { participants, weekCount } = process;
  let payoutMass = 0;
  // Participant by participant: the order of the sum, so of its rounding, that cred has had.
  for (let slot = 0; slot < participants.length; slot++) {
    for (let t = 0; t < weekCount; t++) {
      payoutMass +=
        (probability[participantWeek(process, slot, t)] as number) * process.params.beta;
    }
  }
  return payoutMass;
}
