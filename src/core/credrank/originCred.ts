/**
 * Cred by origin: how much of each identity's weekly cred was created by the mint of a chosen
 * set of nodes (a plugin's nodes in one week, one identity's reactions). This is what makes
 * "a reaction ring gains at most its cap" and "a plugin over budget creates exactly its budget"
 * statements that can be checked.
 *
 * Follow one unit of mint minted at node x through CredRank's process: it walks along
 * transitions until it is banked (a payout edge) or radiates back to the seed, which re-mints
 * it at a node chosen in proportion to mint, and walks on. Every unit is eventually banked, so
 * the cred created by x's mint sums to exactly mint(x). Splitting the walk at the first return
 * to the seed gives a closed form: with P_x(e) the chance that a walk from x reaches payout
 * edge e before the seed, and cred(e)/M the chance for a re-minted unit (M the total mint),
 *
 *   created_x(e) = mint(x) * P_x(e) + mint(x) * (1 - sum_e' P_x(e')) * cred(e) / M
 *
 * and summing over all x gives back CredRank's cred exactly (the tests check it). P is found
 * by pushing the origins' mint through the transitions with the seed removed.
 */
import type { CredRankResult } from './credRank.js';
import { participantWeek } from './markovProcess.js';

const REMAINDER = 1e-15;
const MAX_STEPS = 100_000;

/**
 * Cred per identity per week created by `originMint` (mint per base node, at most the node's
 * mint; zero for nodes outside the set), in the shape of `result.credByIdentity`.
 */
export function credFromOrigins(result: CredRankResult, originMint: Float64Array): Float64Array[] {
  const { process } = result;
  const { baseCount, weekCount, participants, inStart, inSource, inProbability } = process;
  const epochCount = participants.length * weekCount;
  const created = result.credByIdentity.map(() => new Float64Array(weekCount));
  let injected = 0;
  for (let x = 0; x < baseCount; x++) injected += originMint[x] as number;
  if (injected === 0 || result.totalMint === 0) return created;
  const banked = new Float64Array(epochCount);
  let current = new Float64Array(process.nodeCount);
  let next = new Float64Array(process.nodeCount);
  current.set(originMint.subarray(0, baseCount));
  const beta = process.params.beta;
  let bankedTotal = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    let moving = 0;
    for (let k = 0; k < epochCount; k++) {
      const payout = (current[baseCount + k] as number) * beta;
      banked[k] = (banked[k] as number) + payout;
      bankedTotal += payout;
    }
    for (let y = 0; y < baseCount + epochCount; y++) {
      let mass = 0;
      const end = inStart[y + 1] as number;
      for (let k = inStart[y] as number; k < end; k++) {
        mass += (current[inSource[k] as number] as number) * (inProbability[k] as number);
      }
      next[y] = mass;
      moving += mass;
    }
    [current, next] = [next, current];
    if (moving <= REMAINDER * injected) break;
  }
  const radiated = Math.max(0, injected - bankedTotal);
  participants.forEach((identity, slot) => {
    const weekly = created[identity] as Float64Array;
    const cred = result.credByIdentity[identity] as Float64Array;
    for (let t = 0; t < weekCount; t++) {
      weekly[t] =
        (banked[participantWeek(process, slot, t) - baseCount] as number) +
        (radiated * (cred[t] as number)) / result.totalMint;
    }
  });
  return created;
}
