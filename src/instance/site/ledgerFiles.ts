/**
 * What `cred site` copies into the site as is, for funders: data/ledger.jsonl (byte for byte,
 * so a browser can verify the very file the maintainers keep) and the public payout reports of
 * output/payouts/ (YYYY-MM.json and .md, as `cred payout` wrote them). Only files of those
 * names are copied, and a file holding the value of a secret from the environment is refused:
 * these are public documents, and a secret in one is a mistake to stop, not to publish.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { SECRET_VARIABLES } from '../../core/secrets.js';
import { replayLedger, type ReplayedLedger } from '../../ledger/replay.js';
import type { Instance, Runtime } from '../instance.js';
import { LEDGER_SHOWN } from '../ledgerStore.js';
import type { SitePublishedReport } from './ledgerFormat.js';

const REPORT_NAME = /^\d{4}-(0[1-9]|1[0-2])\.(json|md)$/;

/** A file to copy: its path under the site and its exact bytes. */
export interface SiteCopy {
  readonly target: string;
  readonly bytes: Buffer;
}

export interface LedgerFiles {
  readonly ledger: ReplayedLedger;
  readonly copies: readonly SiteCopy[];
  /** Published reports by the proposal they report. */
  readonly reports: ReadonlyMap<string, SitePublishedReport>;
}

/** The instance's ledger (read once: what is replayed is what is copied), or null without one. */
export function readLedgerFiles(instance: Instance, runtime: Runtime): LedgerFiles | null {
  if (!existsSync(instance.paths.ledger)) return null;
  const bytes = readFileSync(instance.paths.ledger);
  const ledger = replayLedger(bytes.toString('utf8'), LEDGER_SHOWN);
  if (ledger.torn !== null) {
    runtime.reporter.warn(
      `${LEDGER_SHOWN}: line ${ledger.torn.line} is incomplete and is ignored; the site shows it as torn (run "cred ledger repair")`,
    );
  }
  const copies: SiteCopy[] = [{ target: `data/${path.basename(LEDGER_SHOWN)}`, bytes }];
  const reports = new Map<string, SitePublishedReport>();
  const folder = instance.paths.payouts;
  const names = existsSync(folder) ? readdirSync(folder).filter((n) => REPORT_NAME.test(n)) : [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    copies.push({ target: `payouts/${name}`, bytes: readFileSync(file) });
    if (!name.endsWith('.json')) continue;
    const published = publishedReport(readFileSync(file, 'utf8'), name, names);
    if (published !== null) reports.set(published.proposalId, published);
  }
  for (const copy of copies) refuseSecrets(copy, runtime.env);
  return { ledger, copies, reports };
}

/** What the site needs of a report, read defensively (later versions may add fields). */
function publishedReport(
  text: string,
  name: string,
  names: readonly string[],
): SitePublishedReport | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const report = json as {
    type?: unknown;
    proposalId?: unknown;
    status?: unknown;
    ledger?: { lines?: unknown; headHash?: unknown };
  };
  const lines = report.ledger?.lines;
  const headHash = report.ledger?.headHash;
  if (
    report.type !== 'cred/payout-report' ||
    typeof report.proposalId !== 'string' ||
    typeof lines !== 'number' ||
    typeof headHash !== 'string'
  ) {
    return null;
  }
  const markdown = name.replace(/\.json$/, '.md');
  return {
    json: `payouts/${name}`,
    md: names.includes(markdown) ? `payouts/${markdown}` : null,
    proposalId: report.proposalId,
    status: typeof report.status === 'string' ? report.status : 'unknown',
    lines,
    headHash,
  };
}

function refuseSecrets(copy: SiteCopy, env: Readonly<Record<string, string | undefined>>): void {
  for (const variable of SECRET_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value.length < 8) continue;
    if (copy.bytes.includes(value)) {
      throw new ConfigError(
        'SITE_SECRET_IN_COPY',
        `${copy.target}: holds the value of ${variable}; it is not copied into the public site`,
        {
          suggestions: [
            `Remove the secret from the instance's ${copy.target.startsWith('data/') ? LEDGER_SHOWN : `output/${copy.target}`}, then run "cred site" again.`,
          ],
        },
      );
    }
  }
}
