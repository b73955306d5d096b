/**
 * The maintainer's month on the demo instance, command by command, with a line before each
 * step saying what it is for: load, the identity decisions, score, the payout (its revenue
 * read from Open Collective), filing the expenses, Open Collective's week (the stand-in plays
 * the payees and the host), reading the outcomes back, and the explorer.
 */
import type { CredRunner } from './credRunner.js';
import { recordDecisions, type DecisionCounts } from './decisions.js';
import { PAYOUT_MONTH } from './generate/calendar.js';
import type { DemoCommunity } from './generate/index.js';
import type { DemoStandIns } from './standIns.js';

export interface MonthOutcome {
  readonly decisions: DecisionCounts;
  /** Expenses Open Collective paid during this run. */
  readonly paidOnOpenCollective: number;
}

export async function runMonth(
  cred: CredRunner,
  community: DemoCommunity,
  standIns: DemoStandIns,
  root: string,
): Promise<MonthOutcome> {
  const month = ['--month', PAYOUT_MONTH];
  const rest = (more: number) => `… ${more} more lines in output/payouts/${PAYOUT_MONTH}.md`;
  cred.note('# Read what changed on every platform (the first load reads everything).');
  await cred.run(['load']);
  const decisions = await recordDecisions(cred, community.decisions, root, PAYOUT_MONTH);
  cred.note('# Score every identity, week by week.');
  await cred.run(['score', '--json-scores']);
  cred.note(
    `# Pay ${PAYOUT_MONTH}: the month's revenue on Open Collective, 80% of it split by cred;` +
      ' proposed, and finalized at once (a real review lasts payout.reviewDays).',
  );
  await cred.run(['payout', ...month, '--revenue', 'opencollective', '--finalize'], {
    lines: 8,
    rest,
  });
  cred.note(
    "# File one Open Collective expense per payment: an invitation to the payee's profile, or to" +
      " the email in payees.json. (Open Collective allows one invitation per 10 s; the demo's" +
      ' clock skips the waits.)',
  );
  await cred.run(['payout', 'submit', ...month], { lines: 10, rest });
  const paid = settleOnOpenCollective(standIns);
  cred.note(
    paid.paid === 0
      ? '# On Open Collective, nothing new since the last run.'
      : `# A week later on Open Collective: ${paid.paid} expenses paid, ${paid.open} invitations not accepted yet. Read the outcomes back.`,
  );
  await cred.run(['payout', 'sync', ...month], { lines: 6, rest });
  cred.note('# Build the explorer (a static site).');
  await cred.run(['site']);
  return { decisions, paidOnOpenCollective: paid.paid };
}

/**
 * Open Collective's week, played on the stand-in: invitees accept and the host pays every
 * expense, except every fourth invitation (by Open Collective's id), still unanswered.
 */
function settleOnOpenCollective(standIns: DemoStandIns): { paid: number; open: number } {
  const { model } = standIns.openCollective;
  let paid = 0;
  let open = 0;
  for (const expense of model.expenses) {
    if (expense.status === 'DRAFT' && expense.legacyId % 4 === 0) open++;
    else if (['DRAFT', 'PENDING', 'APPROVED'].includes(expense.status)) {
      model.settle(expense.id);
      paid++;
    }
  }
  return { paid, open };
}
