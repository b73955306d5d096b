/**
 * The demo collective on Open Collective (`cred/opencollective-dataset`, served by the Open
 * Collective stand-in): Tidepool's collective with its monthly contributions (the revenue
 * `--revenue opencollective` reads, 3,000.00 USD net in the payout month), the treasurer whose
 * personal token cred uses (a maintainer, admin of the collective; Open Collective lifted the
 * one-invitation-per-10-s limit for them, so the stand-in takes invitations as fast as the
 * demo's clock sends them), and the public profiles of the people paid through Open
 * Collective. Each payee gets an invitation, to their profile or to their email
 * (payees.json).
 */
import { MONTH_STARTS_MS, MONTHS, iso } from './calendar.js';
import type { Roster } from './roster.js';

export const OC_COLLECTIVE = 'tidepool-demo';

/** Net contributions in cents each month (after host and processor fees), by sponsor. */
const SPONSORS: readonly (readonly [string, number])[] = [
  ['harbour-authority', 120_000],
  ['coastal-lab', 60_000],
  ['sea-school', 40_000],
  ['kelp-coop', 25_000],
  ['river-trust', 25_000],
  ['individual backers', 30_000],
];

/** The dataset, in the stand-in's input shape; `token` is the treasurer's fake personal token. */
export function generateOpenCollective(roster: Roster, token: string, profiles: readonly string[]) {
  const treasurer = roster.people.find((person) => person.rank === 0)!.handle;
  return {
    type: 'cred/opencollective-dataset' as const,
    version: 1 as const,
    collective: {
      slug: OC_COLLECTIVE,
      name: 'Tidepool',
      currency: 'USD',
      hostFeePercent: 10,
      admins: [treasurer],
    },
    tokens: [
      { value: token, user: treasurer, scopes: ['expenses', 'account'], bypassDraftLimit: true },
    ],
    accounts: [...new Set([treasurer, ...profiles])].map((slug) => ({
      slug,
      name: slug,
      type: 'INDIVIDUAL' as const,
      admins: [slug],
    })),
    transactions: MONTHS.flatMap((_, month) =>
      SPONSORS.map(([sponsor, netCents], k) => ({
        id: `tx-${MONTHS[month]}-${k + 1}-${sponsor.replace(/ /g, '-')}`,
        createdAt: iso((MONTH_STARTS_MS[month] as number) + (k + 1) * 86_400_000 + 36_000_000),
        kind: 'CONTRIBUTION' as const,
        amountInCents: Math.round(netCents / 0.9),
        netAmountInCents: netCents,
        refunded: false,
      })),
    ),
  };
}
