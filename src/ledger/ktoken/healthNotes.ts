/**
 * The health figures in plain words for a committee that does not read Gini coefficients
 * every day: what happened to the approved quota, and whether a share, an inequality or a
 * single week stands out. A figure is called out above these thresholds; below them a note
 * says so, so that silence never means "not checked".
 */
import type { KtokenHealth } from './health.js';

export const HEALTH_THRESHOLDS = Object.freeze({
  /** One person receiving more than this share of a month's tokens is called out. */
  topShare: 0.5,
  /** Gini at or above this is "very unequal"; at or above `giniModerate`, "moderately". */
  gini: 0.6,
  giniModerate: 0.3,
  /** More than this share of a month's cred in one week is called out. */
  busiestWeek: 0.5,
  /** Below this many recipients the concentration figures say little. */
  fewRecipients: 3,
});

type Figures = Omit<KtokenHealth, 'notes'>;

const percent = (share: number) => `${Math.round(share * 100)}%`;

function quotaNotes(health: Figures): string[] {
  const { symbol } = health;
  const { figures, month } = health;
  if (figures.planned === '0' && figures.approved === null)
    return [`No tokens were planned for ${month} yet, and no quota was approved.`];
  const notes: string[] = [];
  if (health.quota !== null && figures.approved !== null) {
    const by = health.quota.approvedBy.join(', ');
    notes.push(
      `The committee approved ${figures.approved} ${symbol} for ${month} (approved by ${by}).`,
    );
  } else {
    notes.push(
      `No quota was approved for ${month}: ${figures.planned} ${symbol} were planned at a fixed rate per unit of cred.`,
    );
  }
  if (figures.planned === '0') notes.push(`No batch was planned for ${month} yet.`);
  else
    notes.push(
      `Of the ${figures.planned} ${symbol} planned, ${figures.sent} were sent, ${figures.pending} await sending or confirmation and ${figures.kept} are kept for people without a usable Ethereum address.`,
    );
  if (figures.undistributed !== '0')
    notes.push(
      `${figures.undistributed} ${symbol} ${figures.approved === null ? 'planned' : 'approved'} for ${month} are not distributed yet.`,
    );
  return notes;
}

function concentrationNotes(health: Figures): string[] {
  const notes: string[] = [];
  const t = HEALTH_THRESHOLDS;
  if (health.recipients > 0 && health.recipients < t.fewRecipients)
    notes.push(
      `With only ${health.recipients} recipient(s), the concentration figures say little.`,
    );
  if (health.top !== null) {
    const { identity, share } = health.top;
    notes.push(
      share > t.topShare
        ? `${identity} receives ${percent(share)} of this month's tokens: more than half goes to one person. Check that this reflects the month's work before signing.`
        : `The largest share is ${percent(share)} (${identity}).`,
    );
  }
  if (health.gini !== null) {
    const g = health.gini.toFixed(2);
    const word =
      health.gini >= t.gini
        ? 'very unequal'
        : health.gini >= t.giniModerate
          ? 'moderately unequal'
          : 'fairly even';
    notes.push(
      `The distribution is ${word} (Gini ${g}; 0 means everyone received the same, 1 that one person received everything).`,
    );
  }
  const busiest = health.busiestWeek;
  if (busiest !== null)
    notes.push(
      busiest.share > t.busiestWeek
        ? `${percent(busiest.share)} of the month's cred was earned in one week (${busiest.week}). Look at what happened then: an event or a release, or a burst of low-value activity ("cred explain NAME --week ${busiest.week}" shows where cred came from).`
        : `No single week dominates the month: the busiest (${busiest.week}) holds ${percent(busiest.share)} of its cred.`,
    );
  return notes;
}

export function healthNotes(health: Figures): string[] {
  const { symbol } = health;
  const notes = [...quotaNotes(health), ...concentrationNotes(health)];
  if (health.openCycles.length > 0) {
    const list = health.openCycles
      .map((c) => `${c.cycle} (${c.undistributed} ${symbol})`)
      .join(', ');
    notes.push(`Other cycles with tokens not yet distributed: ${list}.`);
  }
  if (health.kept.length > 0) {
    const names = health.kept.map((k) => `${k.identity} (${k.amount}, ${k.reason})`).join(', ');
    notes.push(
      `${health.kept.length} identit${health.kept.length === 1 ? 'y is' : 'ies are'} owed tokens no batch could send: ${names}. They go out with the next batch once the identity has a valid address ("cred identity set-payout NAME 0x... --method ethereum").`,
    );
  }
  return notes;
}
