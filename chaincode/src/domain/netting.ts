import { formatAmount } from '@xborder/model/amount';
import { NetPosition, Obligation } from '@xborder/model/clearing';
import { AccountId } from '@xborder/model/token';
import { Leg } from './token';

/**
 * Multilateral netting of interbank obligations.
 *
 * What is netted: every settled trade leg (settlement payouts, margin claims)
 * whose payer and payee are customers of different member organisations
 * creates an obligation of the payer's member to the payee's member in the
 * leg's currency; escrow counts as the buyer's. A netting run sums, per
 * currency, what each member's customers received and paid, and records one
 * net position per member.
 *
 * Why it is safe: tokens have already moved finally on the ledger, and the
 * run moves none: it only records positions that members use to square
 * their fiat correspondent accounts off-chain with one payment per member and
 * currency. Positions of a currency sum to zero by construction (each
 * obligation adds the same amount to one payable and one receivable). Each obligation is
 * a ledger row that the run including it deletes, so it is netted exactly
 * once; a run reads the whole obligation range, so an obligation committed
 * concurrently invalidates the run (phantom read) instead of being skipped.
 */
export function obligationsFromLegs(
  legs: readonly Leg[],
  memberOf: (account: AccountId) => string,
  origin: { orderId: string; at: string; txId: string },
): Obligation[] {
  const obligations: Obligation[] = [];
  legs.forEach((leg, index) => {
    if (!leg.from || !leg.to) {
      return;
    }
    const payer = memberOf(leg.from);
    const payee = memberOf(leg.to);
    if (payer !== payee) {
      obligations.push({ currency: leg.currency, payer, payee, amount: formatAmount(leg.amount), ...origin, leg: index });
    }
  });
  return obligations;
}

/** Net positions per (currency, member), ordered by currency then MSP id, and gross totals per currency. */
export function netPositions(obligations: readonly Obligation[]): { positions: NetPosition[]; gross: { currency: string; amount: string }[] } {
  const totals = new Map<string, { currency: string; mspId: string; receivable: bigint; payable: bigint }>();
  const gross = new Map<string, bigint>();
  const position = (currency: string, mspId: string) => {
    const id = `${currency}\u0000${mspId}`;
    let found = totals.get(id);
    if (!found) {
      found = { currency, mspId, receivable: 0n, payable: 0n };
      totals.set(id, found);
    }
    return found;
  };
  for (const obligation of obligations) {
    const amount = BigInt(obligation.amount);
    position(obligation.currency, obligation.payer).payable += amount;
    position(obligation.currency, obligation.payee).receivable += amount;
    gross.set(obligation.currency, (gross.get(obligation.currency) ?? 0n) + amount);
  }
  const positions = [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, p]) => ({ currency: p.currency, mspId: p.mspId, receivable: formatAmount(p.receivable), payable: formatAmount(p.payable), net: formatAmount(p.receivable - p.payable) }));
  return {
    positions,
    gross: [...gross.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amount]) => ({ currency, amount: formatAmount(amount) })),
  };
}
