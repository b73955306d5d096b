/**
 * SourceCred's account rules, replayed: what its `Ledger` (core/ledger/ledger.js) computes from
 * the same events, in atto-grain (`bigint`). A distribution adds each receipt to the
 * recipient's `paid` and, while accounting is on, to its `balance`; a transfer moves balance;
 * disabling accounting (or setting the external currency while it is off) zeroes every balance;
 * a merge adds the target's paid, balance and payout addresses to the base, and the target's ids
 * resolve to the base from then on. An event SourceCred would refuse is refused here, naming
 * its line, so an import never starts from a ledger SourceCred itself could not load.
 */
import type { ScAction, ScCurrency, ScEvent } from './ledgerFile.js';
import { scLineError } from './ledgerFile.js';

export type ScSubtype = 'USER' | 'BOT' | 'ORGANIZATION' | 'PROJECT';

export interface ScAccount {
  readonly id: string;
  name: string;
  subtype: ScSubtype;
  aliases: string[];
  active: boolean;
  balance: bigint;
  paid: bigint;
  /** Currency key -> EVM address; the key is the canonical JSON of the currency. */
  payoutAddresses: Map<string, string>;
  /** Ids of identities merged into this one (its own first). */
  mergedIds: string[];
}

export class ScLedger {
  /** Every id ever created, merged ids pointing at their base's account. */
  readonly accounts = new Map<string, ScAccount>();
  readonly lowerNames = new Set<string>();
  readonly aliasOwner = new Map<string, string>();
  accounting = true;
  tracking = false;
  externalCurrency: string | null = null;
  /** Distributions recorded while tracking was on -> executed yet. */
  readonly tracked = new Map<string, boolean>();
  totalDistributed = 0n;
  file: string;
  line = 0;

  constructor(file: string) {
    this.file = file;
  }

  /** The live account holding `id` (itself, or the base it was merged into). */
  account(id: string, role = 'identity'): ScAccount {
    const account = this.accounts.get(id);
    if (account === undefined) this.fail(`names an unknown ${role} "${id}"`);
    return account;
  }

  /** Live accounts (merged ones folded into their base), in creation order. */
  live(): ScAccount[] {
    return [...new Set(this.accounts.values())];
  }

  fail(problem: string): never {
    throw scLineError(this.file, this.line, `${problem} (SourceCred refuses this too)`);
  }

  apply(event: ScEvent): void {
    this.line = event.line;
    const action = event.action;
    switch (action.type) {
      case 'CREATE_IDENTITY':
        return this.create(action);
      case 'RENAME_IDENTITY':
        return this.rename(this.account(action.identityId), action.newName);
      case 'CHANGE_IDENTITY_TYPE': {
        const account = this.account(action.identityId);
        if (account.subtype === action.newType) this.fail(`retypes to the same type`);
        account.subtype = action.newType;
        return;
      }
      case 'ADD_ALIAS':
        return this.addAlias(this.account(action.identityId), action.alias.address);
      case 'MERGE_IDENTITIES':
        return this.merge(action.base, action.target);
      case 'TOGGLE_ACTIVATION':
        return this.toggle(this.account(action.identityId));
      case 'DISTRIBUTE_GRAIN':
        return this.distribute(action);
      case 'TRANSFER_GRAIN':
        return this.transfer(action);
      case 'SET_PAYOUT_ADDRESS':
        return this.setPayoutAddress(action);
      default:
        return this.applySetting(action);
    }
  }

  private create(action: Extract<ScAction, { type: 'CREATE_IDENTITY' }>): void {
    const { identity } = action;
    if (this.lowerNames.has(identity.name.toLowerCase()))
      this.fail(`creates "${identity.name}", a name already taken`);
    if (identity.aliases.length > 0) this.fail('creates an identity that already has aliases');
    if (this.accounts.has(identity.id) || this.aliasOwner.has(identity.address))
      this.fail(`creates identity "${identity.id}" twice`);
    this.lowerNames.add(identity.name.toLowerCase());
    this.aliasOwner.set(identity.address, identity.id);
    this.accounts.set(identity.id, {
      id: identity.id,
      name: identity.name,
      subtype: identity.subtype,
      aliases: [],
      active: false,
      balance: 0n,
      paid: 0n,
      payoutAddresses: new Map(),
      mergedIds: [identity.id],
    });
  }

  private rename(account: ScAccount, newName: string): void {
    if (account.name === newName) this.fail(`renames "${newName}" to its own name`);
    const lower = newName.toLowerCase();
    if (this.lowerNames.has(lower) && lower !== account.name.toLowerCase())
      this.fail(`renames to "${newName}", a name already taken`);
    this.lowerNames.delete(account.name.toLowerCase());
    this.lowerNames.add(lower);
    account.name = newName;
  }

  private addAlias(account: ScAccount, address: string): void {
    if (this.aliasOwner.has(address)) this.fail('adds an alias another identity already holds');
    this.aliasOwner.set(address, account.id);
    account.aliases.push(address);
  }

  private merge(baseId: string, targetId: string): void {
    const base = this.account(baseId, 'base identity');
    const target = this.account(targetId, 'target identity');
    if (baseId === targetId) this.fail('merges an identity into itself');
    if (base === target) this.fail('merges an identity into the one it was already merged into');
    for (const address of target.aliases) this.aliasOwner.set(address, base.id);
    base.aliases.push(...target.aliases);
    base.paid += target.paid;
    base.balance += target.balance;
    base.payoutAddresses = new Map([...target.payoutAddresses, ...base.payoutAddresses]);
    for (const id of target.mergedIds) {
      this.accounts.set(id, base);
      base.mergedIds.push(id);
    }
    this.lowerNames.delete(target.name.toLowerCase());
  }

  private toggle(account: ScAccount): void {
    const key = this.externalCurrency;
    if (key !== null && !account.active && !account.payoutAddresses.get(key))
      this.fail(`activates "${account.name}", who has no payout address for the currency`);
    account.active = !account.active;
  }

  private distribute(action: Extract<ScAction, { type: 'DISTRIBUTE_GRAIN' }>): void {
    const receipts = action.distribution.allocations.flatMap((allocation) => allocation.receipts);
    for (const { id, amount } of receipts) {
      const account = this.account(id, 'recipient');
      if (BigInt(amount) < 0n) this.fail(`distributes a negative amount to "${account.name}"`);
      if (!account.active) this.fail(`distributes grain to inactive "${account.name}"`);
    }
    if (this.tracking) this.tracked.set(action.distribution.id, false);
    for (const { id, amount } of receipts) {
      const account = this.account(id);
      account.paid += BigInt(amount);
      if (this.accounting) account.balance += BigInt(amount);
      this.totalDistributed += BigInt(amount);
    }
  }

  private transfer(action: Extract<ScAction, { type: 'TRANSFER_GRAIN' }>): void {
    if (!this.accounting) this.fail('transfers grain while accounting is disabled');
    const from = this.account(action.from, 'sender');
    const to = this.account(action.to, 'recipient');
    const amount = BigInt(action.amount);
    if (!from.active || !to.active) this.fail('transfers grain from or to an inactive account');
    if (amount < 0n) this.fail('transfers a negative amount');
    if (amount > from.balance) this.fail(`transfers more than "${from.name}" holds`);
    from.balance -= amount;
    to.balance += amount;
  }

  private setPayoutAddress(action: Extract<ScAction, { type: 'SET_PAYOUT_ADDRESS' }>): void {
    const account = this.account(action.id);
    const key = currencyKey(action.currency);
    if (action.payoutAddress === null) account.payoutAddresses.delete(key);
    else if (!/^0x[0-9a-fA-F]{40}$/.test(action.payoutAddress))
      this.fail(`sets an invalid payout address "${action.payoutAddress}"`);
    else account.payoutAddresses.set(key, action.payoutAddress);
  }

  private applySetting(action: ScAction): void {
    switch (action.type) {
      case 'ENABLE_GRAIN_INTEGRATION':
        this.tracking = true;
        return;
      case 'DISABLE_GRAIN_INTEGRATION':
        this.tracking = false;
        this.tracked.clear();
        return;
      case 'MARK_DISTRIBUTION_EXECUTED':
        if (!this.tracking || this.tracked.get(action.id) !== false)
          this.fail(`marks distribution "${action.id}" executed, untracked or already executed`);
        this.tracked.set(action.id, true);
        return;
      case 'ENABLE_ACCOUNTING':
        this.accounting = true;
        return;
      case 'DISABLE_ACCOUNTING':
        if (this.externalCurrency === null) this.fail('disables accounting with no currency set');
        this.accounting = false;
        return this.eraseBalances();
      case 'SET_EXTERNAL_CURRENCY':
        this.externalCurrency = currencyKey(action.currency);
        if (!this.accounting) this.eraseBalances();
        return;
      case 'REMOVE_EXTERNAL_CURRENCY':
        if (!this.accounting) this.fail('removes the currency while accounting is disabled');
        this.externalCurrency = null;
        return;
      default:
        return;
    }
  }

  private eraseBalances(): void {
    for (const account of this.live()) account.balance = 0n;
  }
}

/** SourceCred's key for a currency: its fields in a fixed order. */
export function currencyKey(currency: ScCurrency): string {
  return currency.type === 'EVM'
    ? `EVM/${currency.chainId}/${currency.tokenAddress.toLowerCase()}`
    : `PROTOCOL/${currency.chainId}`;
}
