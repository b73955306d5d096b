/**
 * Ledger (for funders): payouts per month with their public reports, expenses and their status,
 * balances owed, exclusions with reasons, and the ledger's hash chain verified in the browser.
 * Until the instance keeps a ledger, `cred site` emits no ledger data and this view says so.
 */
import { h, replace } from '../dom.js';
import type { Route } from '../route.js';
import { leaderboardModel } from './leaderboard.js';

export async function renderLedger(root: HTMLElement, _route: Route): Promise<void> {
  const model = await leaderboardModel();
  replace(
    root,
    h('h1', {}, 'Ledger'),
    model.data.parts.ledger === null
      ? h(
          'p',
          { class: 'notice', id: 'no-ledger' },
          'No ledger yet. Once this instance records cred and payouts in data/ledger.jsonl, ',
          'this page lists payouts per month with their reports, expenses and their status, ',
          'balances owed, exclusions with reasons, and verifies the ledger’s hash chain.',
        )
      : null,
  );
  document.body.dataset.ready = 'ledger';
}
