/**
 * Which SourceCred version a ledger looks like: the earliest release that writes every action
 * it holds (from SourceCred's history: payout addresses since 0.8.0, integration tracking since
 * 0.8.6, accounting and external currencies since 0.10.3), or the config files' evidence when
 * that is later. It is a lower bound, recorded so a reader knows which format was read.
 */
import type { ScActionType, ScEvent } from './ledgerFile.js';

const SINCE: Partial<Record<ScActionType, string>> = {
  SET_PAYOUT_ADDRESS: '0.8.0',
  ENABLE_GRAIN_INTEGRATION: '0.8.6',
  DISABLE_GRAIN_INTEGRATION: '0.8.6',
  MARK_DISTRIBUTION_EXECUTED: '0.8.6',
  ENABLE_ACCOUNTING: '0.10.3',
  DISABLE_ACCOUNTING: '0.10.3',
  SET_EXTERNAL_CURRENCY: '0.10.3',
  REMOVE_EXTERNAL_CURRENCY: '0.10.3',
};

export function versionHint(events: readonly ScEvent[], configVersion: string | null): string {
  let version = '0.8.0';
  for (const { action } of events) {
    const since = SINCE[action.type];
    if (since !== undefined && compareVersions(since, version) > 0) version = since;
  }
  if (configVersion !== null && compareVersions(configVersion, version) > 0)
    version = configVersion;
  return `${version} or later`;
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let k = 0; k < 3; k++) if ((x[k] ?? 0) !== (y[k] ?? 0)) return (x[k] ?? 0) - (y[k] ?? 0);
  return 0;
}
