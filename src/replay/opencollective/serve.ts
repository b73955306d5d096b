/**
 * Serves an Open Collective dataset on loopback until stopped, for trying payouts by hand
 * without a token or the internet:
 *
 *   node dist/replay/opencollective/serve.js [dataset.json]
 *
 * (default: test/fixtures/opencollective/collective.json). It prints the `apiUrl` to put in
 * cred.json (`payout.opencollective.apiUrl`) and the fake token to export as
 * OPENCOLLECTIVE_TOKEN, then logs each operation it carries out. Typing a line
 * `pay <expense id or reference>` (or `approve`, `submit`, `reject`, `decline-invite`, `cancel`,
 * `mark-spam`, `settle-all`) on stdin moves expenses along, for `cred payout sync`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseOpenCollectiveDataset } from './dataset.js';
import type { ExpenseAction } from './model.js';
import { startOpenCollectiveStandIn } from './openCollectiveStandIn.js';

const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const file =
  process.argv[2] ?? path.join(PROJECT, 'test', 'fixtures', 'opencollective', 'collective.json');
const dataset = parseOpenCollectiveDataset(JSON.parse(readFileSync(file, 'utf8')), file);
const standIn = await startOpenCollectiveStandIn(dataset);
process.stdout.write(
  `Open Collective stand-in serving ${file}\n` +
    `apiUrl: ${standIn.apiUrl}\n` +
    `export OPENCOLLECTIVE_TOKEN=${dataset.tokens[0]?.value ?? ''}\n`,
);

let logged = 0;
const timer = setInterval(() => {
  for (; logged < standIn.executed.length; logged++) {
    const operation = standIn.executed[logged]!;
    const errors = operation.errorCodes.length > 0 ? ` (${operation.errorCodes.join(', ')})` : '';
    process.stdout.write(`${operation.operationName ?? '(anonymous)'}${errors}\n`);
  }
}, 200);

const ACTIONS = ['submit', 'approve', 'pay', 'reject', 'decline-invite', 'cancel', 'mark-spam'];
createInterface({ input: process.stdin }).on('line', (line) => {
  const [action, target] = line.trim().split(/\s+/);
  try {
    if (action === 'settle-all') {
      const open = standIn.model.expenses.filter((e) =>
        ['DRAFT', 'PENDING', 'APPROVED'].includes(e.status),
      );
      for (const expense of open) standIn.model.settle(expense.id);
      process.stdout.write(`paid ${open.length} expenses\n`);
    } else if (action !== undefined && target !== undefined && ACTIONS.includes(action)) {
      const expense = standIn.model.transition(target, action as ExpenseAction);
      process.stdout.write(`${expense.id} is ${expense.status}\n`);
    } else if (action !== undefined && action !== '') {
      process.stdout.write(`usage: ${ACTIONS.join('|')} <expense id or reference> | settle-all\n`);
    }
  } catch (error) {
    process.stdout.write(`${(error as Error).message}\n`);
  }
});

const stop = () => {
  clearInterval(timer);
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
