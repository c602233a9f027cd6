import type {
  Balance,
  DomainEvent,
  OrderHistoryEntry,
  OrderResult,
  Party,
  RatePosting,
  SettlementResult,
  SupplyCheckResult,
} from '@xborder/gateway-client';
import { formatMoney, renderFields, renderTable, shortId } from './format.js';

/**
 * How the CLI shows ledger records as text. Pure functions of the records, so
 * the wording is tested without a network. `units` gives a currency's minor
 * units (2 for USD, 0 for JPY).
 */
export type MinorUnits = (currency: string) => number;

/** The common name in an x509 identity id: `user1` of `x509::/OU=client/CN=user1::/O=...`. */
export function identityName(identityId: string): string {
  const subject = identityId.split('::')[1] ?? identityId;
  return /CN=([^/,]+)/.exec(subject)?.[1] ?? identityId;
}

export function renderParty(party: Party): string {
  const { kyc } = party;
  return renderFields([
    ['Party', party.partyId],
    ['Name', party.name],
    ['Onboarded by', party.mspId],
    ['Country', party.country],
    ['Roles', party.roles.join(', ')],
    ['KYC status', kyc.status],
    ['Level', kyc.level],
    ['Risk rating', kyc.riskRating],
    ['Verified', kyc.verifiedAt && `${kyc.verifiedAt} by ${identityName(kyc.verifier ?? '')}`],
    ['Expires', kyc.expiresAt],
    ['Reason', kyc.reason],
    ['Sanctioned', party.sanctioned ? `yes: ${party.sanction?.reason ?? ''} (${party.sanction?.by ?? ''}, ${party.sanction?.at ?? ''})` : 'no'],
    ['Identities', party.identities.length === 0 ? 'none' : party.identities.map(identityName).join(', ')],
    ['Data hash', kyc.dataHash],
  ]);
}

export function renderBalance(balance: Balance, units: number): string {
  return renderFields([
    ['Account', balance.account],
    ['Balance', formatMoney(balance.balance, balance.currency, units)],
    ['Pending inflows', String(balance.pendingInflows)],
    ['Spendable parts', String(balance.parts)],
    ['Frozen', balance.frozen ? 'yes' : 'no'],
  ]);
}

export function renderSupply(check: SupplyCheckResult, units: number): string {
  const money = (amount: bigint): string => formatMoney(amount, check.currency, units);
  return renderFields([
    ['Currency', check.currency],
    ['Minted', money(check.minted)],
    ['Redeemed', money(check.redeemed)],
    ['Outstanding', money(check.outstanding)],
    ['Held', `${money(check.held)} in ${check.accounts} accounts`],
    ['Invariant', check.consistent ? 'holds: held = minted - redeemed' : 'BROKEN: held differs from minted - redeemed'],
  ]);
}

export function renderOrderList(orders: readonly OrderResult[], units: MinorUnits): string {
  if (orders.length === 0) {
    return 'no orders';
  }
  return renderTable(
    [{ header: 'ORDER' }, { header: 'STATUS' }, { header: 'SELLER' }, { header: 'BUYER' }, { header: 'AMOUNT', align: 'right' }, { header: 'PAID IN' }, { header: 'UPDATED' }],
    orders.map((o) => [o.orderId, o.status, o.sellerId, o.buyerId, formatMoney(o.amount, o.currency, units(o.currency)), o.settlementCurrency, o.updatedAt]),
  );
}

export function renderOrder(order: OrderResult, history: readonly OrderHistoryEntry[], settlement: SettlementResult | undefined, units: MinorUnits): string {
  const money = (amount: bigint, currency: string): string => formatMoney(amount, currency, units(currency));
  const sections = [
    renderFields([
      ['Order', order.orderId],
      ['Status', order.status],
      ['Quotation', order.quotationId],
      ['Seller', order.sellerId],
      ['Buyer', order.buyerId],
      ['Logistics', order.logisticsId],
      ['Goods', order.lineItems.map((item) => `${item.quantity} x ${item.description} (HS ${item.hsCode})`).join('; ')],
      ['Amount', money(order.amount, order.currency)],
      ['Escrow', `${money(order.escrowAmount, order.currency)} in ${order.escrowAccount}`],
      ['Platform fee', `${money(order.fees.platformFee, order.currency)} (${order.fees.platformFeeBps} bps, bearer ${order.fees.chargeBearer})`],
      ['Settles in', order.settlementCurrency + (order.fx ? ` via ${order.fx.provider}${order.fx.firmQuoteId ? `, firm quote ${order.fx.firmQuoteId}` : ''}` : '')],
      ['Terms', `${order.incoterm} ${order.namedPlace} by ${order.transportMode}`],
      ['Fund by', order.fundBy],
      ['Ship by', order.shipBy],
      ['Delivery date', order.deliveryDate],
      ['Shipment', order.shipment && `${order.shipment.carrier} ${order.shipment.trackingNumber}, ${order.shipment.shippedAt}`],
      ['Delivered', order.delivery && `${order.delivery.deliveredAt} (confirmed by ${order.delivery.confirmedBy})`],
      ['Dispute', order.dispute && `${order.dispute.reason} (raised by ${order.dispute.raisedBy})${order.dispute.outcome ? `; ${order.dispute.outcome}: ${order.dispute.resolution ?? ''}` : ''}`],
      ['Created', order.createdAt],
      ['Closed', order.closedAt],
    ]),
  ];
  if (settlement) {
    sections.push(
      'Settlement:',
      renderFields([
        ['  UETR', settlement.uetr],
        ['  Instructed', money(settlement.instructedAmount, settlement.instructedCurrency)],
        ['  Settled', money(settlement.settledAmount, settlement.settledCurrency)],
        ['  Rate', settlement.exchangeRate && `${settlement.exchangeRate.rate} ${settlement.exchangeRate.quotedCurrency} per ${settlement.exchangeRate.unitCurrency} (${settlement.exchangeRate.source}, ${settlement.exchangeRate.provider})`],
        ['  Charges', settlement.charges.map((c) => `${c.type} ${money(c.amount, c.currency)} (${c.bearer})`).join(', ') || 'none'],
        ['  Refunded', settlement.refundedAmount === undefined ? undefined : money(settlement.refundedAmount, settlement.instructedCurrency)],
        ['  Date', `${settlement.settlementDate}${settlement.settlementDeadline ? ` (deadline ${settlement.settlementDeadline}, ${settlement.deadlineMet ? 'met' : 'missed'})` : ''}`],
        ['  Transaction', settlement.txId],
      ]),
    );
  }
  if (history.length > 0) {
    sections.push(
      'History:',
      renderTable(
        [{ header: 'AT' }, { header: 'ACTION' }, { header: 'STATUS' }, { header: 'BY' }, { header: 'TRANSACTION' }],
        history.map((h) => [h.at, h.action, `${h.from ?? '-'} -> ${h.to}`, h.by, h.txId]),
      ),
    );
  }
  return sections.join('\n');
}

export function renderRate(posting: RatePosting): string {
  return renderFields([
    ['Pair', `${posting.base}/${posting.quote}`],
    ['Bid', posting.bid],
    ['Ask', posting.ask],
    ['Source', `${posting.source} ${posting.provider} (${posting.mspId})`],
    ['Valid', `${posting.validFrom} to ${posting.validUntil}`],
    ['Transaction', posting.txId],
  ]);
}

export function renderRateHistory(postings: readonly RatePosting[]): string {
  if (postings.length === 0) {
    return 'no postings';
  }
  return renderTable(
    [{ header: 'VALID FROM' }, { header: 'VALID UNTIL' }, { header: 'BID', align: 'right' }, { header: 'ASK', align: 'right' }, { header: 'SOURCE' }, { header: 'TRANSACTION' }],
    postings.map((p) => [p.validFrom, p.validUntil, p.bid, p.ask, `${p.provider} (${p.source === 'CLEARING_HOUSE' ? 'reference' : 'LP'})`, shortId(p.txId, 16)]),
  );
}

/** Fields of an event payload worth a glance, in this order, when present. */
const EVENT_FIELDS = ['orderId', 'quotationId', 'partyId', 'currency', 'from', 'to', 'amount', 'status', 'kycStatus', 'base', 'quote', 'bid', 'ask', 'by'];

/** One line per event: block, transaction, name and its main fields. */
export function renderEvent(event: DomainEvent): string {
  const name = event.name === 'Unrecognised' ? event.eventName : event.name;
  const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
  const fields = EVENT_FIELDS.filter((key) => ['string', 'number', 'bigint', 'boolean'].includes(typeof payload[key])).map((key) => `${key}=${String(payload[key])}`);
  return `block ${event.blockNumber}  ${shortId(event.transactionId, 12)}  ${name}${fields.length ? `  ${fields.join(' ')}` : ''}`;
}

export interface OrgStatus {
  org: string;
  mspId?: string;
  endpoint?: string;
  up: boolean;
  chaincodeVersion?: string;
  height?: bigint;
  latencyMs?: number;
  error?: string;
}

export function renderNetworkStatus(rows: readonly OrgStatus[]): string {
  return renderTable(
    [{ header: 'ORG' }, { header: 'MSP' }, { header: 'PEER' }, { header: 'STATE' }, { header: 'HEIGHT', align: 'right' }, { header: 'CHAINCODE' }, { header: 'LATENCY', align: 'right' }],
    rows.map((r) => [
      r.org,
      r.mspId ?? '',
      r.endpoint ?? '',
      r.up ? 'up' : `DOWN: ${r.error ?? ''}`,
      r.height === undefined ? '' : r.height.toString(),
      r.chaincodeVersion ?? '',
      r.latencyMs === undefined ? '' : `${r.latencyMs}ms`,
    ]),
  );
}
