import { CLEARING_ARGUMENTS, RUN_ID } from './clearing';
import { CONSORTIUM_ARGUMENTS, MEMBER_ROLES, MSP_ID, PROPOSAL_ID, PROPOSAL_STATUSES, VOTE_CHOICES, CURRENCY_CODE } from './consortium';
import { CURRENCY_ARGUMENTS } from './currency';
import { FX_ARGUMENTS, QUOTE_ID } from './fx';
import { MARGIN_ARGUMENTS } from './margin';
import { ORDER_ARGUMENTS, ORDER_ID, ORDER_STATUSES } from './order';
import { IDENTITY_ID, MAX_SALT_BYTES, MIN_SALT_BYTES, PARTY_ARGUMENTS, PARTY_ID, REASON, TRANSIENT_KYC, TRANSIENT_SALT } from './party';
import { bookmark, pageSize } from './paging';
import { QUOTATION_ARGUMENTS, QUOTATION_ID } from './quotation';
import { RISK_ARGUMENTS } from './risk';
import { anyText, blankOr, isoDay, JsonArgument, JsonSchema, oneOf, Shape, text } from './schema';
import { TOKEN_ARGUMENTS } from './token';
import { ErrorCodes, XborderError } from './errors';

/**
 * The contract API: every transaction the chaincode serves, with its
 * parameters, its result and whether it writes. It is the one description
 * of the API: the chaincode checks every argument against it before a
 * contract runs, the client checks the same before it sends anything, and the
 * chaincode publishes it as JSON Schema (`Api:describe`). A unit test holds it
 * to the contracts' decorators, and every unit test's calls to its schemas.
 */

/** One positional argument. Arguments are strings on the wire: JSON text, or the value itself. */
export interface ParameterSpec {
  readonly name: string;
  /** `json`: the argument is JSON text that `shape` reads; `text`: the argument is the string `shape` reads. */
  readonly encoding: 'json' | 'text';
  readonly shape: Shape<unknown>;
  /** The error path the check reports (`mint` for a mint argument, `orderId` for an id). */
  readonly path: string;
}

/** What a transaction answers: canonical JSON of a type of the model, or of a list of them. */
export interface ResultSpec {
  /** The model's type name, as the published API defines it (`Order`). */
  readonly type: string;
  readonly list?: boolean;
  /** A Page of them: `{ records, bookmark }`. */
  readonly page?: boolean;
  /** The answer is empty, not JSON, when there is nothing to show. */
  readonly emptyWhenAbsent?: boolean;
}

/** A transient data entry (never recorded in the block). */
export interface TransientSpec {
  readonly name: string;
  readonly schema: JsonSchema;
}

export interface TransactionSpec {
  /** `submit`: endorsed, ordered and committed; `evaluate`: a query answered by one peer. */
  readonly kind: 'submit' | 'evaluate';
  readonly parameters: readonly ParameterSpec[];
  readonly result: ResultSpec;
  readonly transient?: readonly TransientSpec[];
}

/** A JSON argument, with an example the API publishes and a test holds to the parser. */
function json(name: string, argument: JsonArgument<unknown>, example: unknown): ParameterSpec {
  return {
    name,
    encoding: 'json',
    shape: { read: (value) => argument.parse(value), schema: { ...argument.shape.schema, examples: [example] } },
    path: argument.name,
  };
}

function plain(name: string, shape: Shape<unknown>): ParameterSpec {
  return { name, encoding: 'text', shape, path: name };
}

const EXAMPLE_ORDER = 'ORD-20260301-0123456789abcdef';
const EXAMPLE_HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const partyId = plain('partyId', text(PARTY_ID));
const currency = plain('currency', text(CURRENCY_CODE));
const orderId = plain('orderId', text(ORDER_ID));
const proposalId = plain('proposalId', text(PROPOSAL_ID));
const quotationId = plain('quotationId', text(QUOTATION_ID));
const reason = plain('reason', text(REASON));
const base = plain('base', text(CURRENCY_CODE));
const quote = plain('quote', text(CURRENCY_CODE));

const submit = (parameters: ParameterSpec[], type: string, more: Partial<ResultSpec> = {}): TransactionSpec => ({
  kind: 'submit',
  parameters,
  result: { type, ...more },
});
const evaluate = (parameters: ParameterSpec[], type: string, more: Partial<ResultSpec> = {}): TransactionSpec => ({
  kind: 'evaluate',
  parameters,
  result: { type, ...more },
});
const list = { list: true };
const page = { page: true };
/** The last two arguments of every list query that pages (model/src/paging.ts). */
const paging = [plain('pageSize', pageSize()), plain('bookmark', bookmark())];

/** KYC data travels as transient `kyc` (KycData JSON) and `salt`; the block records neither. */
const KYC_TRANSIENT: readonly TransientSpec[] = [
  { name: TRANSIENT_KYC, schema: PARTY_ARGUMENTS.KYC_DATA.shape.schema },
  { name: TRANSIENT_SALT, schema: { description: `${MIN_SALT_BYTES} to ${MAX_SALT_BYTES} random bytes, hashed with the data` } },
];
const withKyc = (spec: TransactionSpec): TransactionSpec => ({ ...spec, transient: KYC_TRANSIENT });

/** Every transaction by `Contract:function`, in the order the contracts declare them. */
export const TRANSACTIONS: Readonly<Record<string, TransactionSpec>> = Object.freeze({
  'Api:describe': evaluate([], 'ContractApi'),

  'Health:ping': evaluate([], 'PingResult'),
  'Health:version': evaluate([], 'VersionResult'),
  'Health:heartbeat': submit([], 'Heartbeat'),
  'Health:lastHeartbeat': evaluate([plain('mspId', anyText('an MSP id'))], 'Heartbeat', { emptyWhenAbsent: true }),

  'Consortium:bootstrap': submit([json('initJson', CONSORTIUM_ARGUMENTS.BOOTSTRAP, { members: [{ mspId: 'CNBankMSP', name: 'CN Bank', roles: ['ISSUER'], issuerOf: ['CNY'] }, { mspId: 'ClearingMSP', name: 'Clearing House', roles: ['CLEARING'] }] })], 'BootstrapResult'),
  'Consortium:propose': submit([json('proposalJson', CONSORTIUM_ARGUMENTS.PROPOSAL, { action: 'SUSPEND', mspId: 'JPBankMSP', reason: 'licence withdrawn' })], 'Proposal'),
  'Consortium:vote': submit([proposalId, plain('choice', oneOf(VOTE_CHOICES))], 'VoteResult'),
  'Consortium:expireProposal': submit([proposalId], 'Proposal'),
  'Consortium:getMember': evaluate([plain('mspId', text(MSP_ID))], 'Member'),
  'Consortium:listMembers': evaluate([], 'Member', list),
  'Consortium:membersWithRole': evaluate([plain('role', oneOf(MEMBER_ROLES))], 'Member', list),
  'Consortium:getProposal': evaluate([proposalId], 'ProposalWithVotes'),
  'Consortium:listProposals': evaluate([plain('status', blankOr(oneOf(PROPOSAL_STATUSES), 'every status')), ...paging], 'Proposal', page),

  'Party:registerParty': withKyc(submit([json('partyJson', PARTY_ARGUMENTS.REGISTER_PARTY, { partyId: 'ACME-CN', name: 'Acme Trading', country: 'CN', roles: ['TRADER'] })], 'Party')),
  'Party:updateKycData': withKyc(submit([partyId], 'Party')),
  'Party:bindIdentity': submit([partyId, plain('identity', text(IDENTITY_ID))], 'Party'),
  'Party:unbindIdentity': submit([partyId, plain('identity', text(IDENTITY_ID))], 'Party'),
  'Party:verifyKyc': submit([partyId, json('verificationJson', PARTY_ARGUMENTS.VERIFY_KYC, { level: 'STANDARD', riskRating: 'LOW', expiresAt: '2027-03-01T00:00:00Z' })], 'Party'),
  'Party:rejectKyc': submit([partyId, reason], 'Party'),
  'Party:revokeKyc': submit([partyId, reason], 'Party'),
  'Party:expireKyc': submit([partyId], 'Party'),
  'Party:setSanction': submit([partyId, reason], 'Party'),
  'Party:liftSanction': submit([partyId, reason], 'Party'),
  'Party:proveKycData': withKyc(evaluate([partyId], 'KycProof')),
  'Party:getParty': evaluate([partyId], 'Party'),
  'Party:listParties': evaluate([plain('mspId', blankOr(text(MSP_ID), "every organisation's parties")), ...paging], 'Party', page),
  'Party:getKycHistory': evaluate([partyId], 'PartyHistoryEntry', list),
  'Party:readKycData': evaluate([partyId], 'PrivateKycRecord'),

  'Token:registerCurrency': submit([json('currencyJson', CURRENCY_ARGUMENTS.REGISTER_CURRENCY, { code: 'KEZ', name: 'Gold (troy ounce)', minorUnits: 3 })], 'Currency'),
  'Token:mint': submit([json('mintJson', TOKEN_ARGUMENTS.MINT, { currency: 'USD', to: 'ACME-US', amount: '12500', depositRef: 'DEP-1' })], 'MintRecord'),
  'Token:redeem': submit([json('redeemJson', TOKEN_ARGUMENTS.REDEEM, { currency: 'USD', from: 'ACME-US', amount: '500', withdrawalRef: 'WD-1' })], 'RedemptionRecord'),
  'Token:transfer': submit([json('transferJson', TOKEN_ARGUMENTS.TRANSFER, { currency: 'USD', from: 'ACME-US', to: 'ACME-CN', amount: '500', reference: 'INV-9', idempotencyKey: 'pay-9', part: 3 })], 'TransferRecord'),
  'Token:freeze': submit([json('freezeJson', TOKEN_ARGUMENTS.FREEZE, { partyId: 'ACME-US', currency: 'USD', reason: 'court order 42' })], 'FreezeRecord'),
  'Token:unfreeze': submit([json('unfreezeJson', TOKEN_ARGUMENTS.FREEZE, { partyId: 'ACME-US', currency: 'USD', reason: 'order lifted' })], 'UnfreezeRecord'),
  'Token:consolidate': submit([json('consolidateJson', TOKEN_ARGUMENTS.CONSOLIDATE, { partyId: 'ACME-US', currency: 'USD', parts: 64 })], 'ConsolidationRecord'),
  'Token:balanceOf': evaluate([partyId, currency], 'AccountBalance'),
  'Token:totalSupply': evaluate([currency], 'SupplySummary'),
  'Token:supplyCheck': evaluate([currency], 'SupplyCheck'),
  'Token:accountHistory': evaluate([partyId, currency, ...paging], 'MovementRecord', page),
  'Token:getCurrency': evaluate([plain('code', text(CURRENCY_CODE))], 'Currency'),
  'Token:listCurrencies': evaluate([], 'Currency', list),

  'FX:postRate': submit([json('rateJson', FX_ARGUMENTS.POST_RATE, { base: 'USD', quote: 'CNY', bid: '7.1', ask: '7.2', validFrom: '2026-03-01T00:00:00Z', validUntil: '2026-03-02T00:00:00Z', provider: 'LP-HK' })], 'RatePosting'),
  'FX:currentRate': evaluate([base, quote, plain('provider', blankOr(text(PARTY_ID), 'the best rate of any source'))], 'RatePosting'),
  'FX:referenceRate': evaluate([base, quote], 'RatePosting'),
  'FX:rateHistory': evaluate([base, quote, ...paging], 'RatePosting', page),
  'FX:lockQuote': submit([json('quoteJson', FX_ARGUMENTS.LOCK_QUOTE, { provider: 'LP-HK', base: 'USD', quote: 'CNY', side: 'SELL', amount: '100000', expiresAt: '2026-03-01T01:00:00Z' })], 'FirmQuote'),
  'FX:cancelQuote': submit([json('cancelJson', FX_ARGUMENTS.CANCEL_QUOTE, { quoteId: 'a1b2c3' })], 'FirmQuote'),
  'FX:getFirmQuote': evaluate([plain('quoteId', text(QUOTE_ID))], 'FirmQuote'),

  'Quotation:createQuotation': submit([json('quotationJson', QUOTATION_ARGUMENTS.CREATE_QUOTATION, {
    sellerId: 'ACME-CN',
    buyerId: 'ACME-US',
    lineItems: [{ description: 'LED panels', hsCode: '940542', quantity: '100', unit: 'PCE', unitPrice: '2500' }],
    currency: 'USD',
    incoterm: 'FOB',
    namedPlace: 'Shanghai',
    transportMode: 'SEA',
    deliveryDate: '2026-04-01T00:00:00Z',
    shipBy: '2026-03-15T00:00:00Z',
    validUntil: '2026-03-05T00:00:00Z',
    paymentTerms: { fundWithinDays: 5, settleWithinDays: 3 },
    settlementCurrency: 'CNY',
    fx: { provider: 'LP-HK' },
  })], 'Quotation'),
  'Quotation:withdrawQuotation': submit([json('withdrawJson', QUOTATION_ARGUMENTS.WITHDRAW_QUOTATION, { quotationId: 'a1b2c3', reason: 'price changed' })], 'Quotation'),
  'Quotation:rejectQuotation': submit([json('rejectJson', QUOTATION_ARGUMENTS.REJECT_QUOTATION, { quotationId: 'a1b2c3', reason: 'too expensive' })], 'Quotation'),
  'Quotation:acceptQuotation': submit([quotationId], 'AcceptResult'),
  'Quotation:expireQuotation': submit([quotationId], 'Quotation'),
  'Quotation:getQuotation': evaluate([quotationId], 'Quotation'),

  'Order:fund': submit([orderId], 'FundResult'),
  'Order:ship': submit([json('shipmentJson', ORDER_ARGUMENTS.SHIP, { orderId: EXAMPLE_ORDER, carrier: 'COSCO', trackingNumber: 'COSU1234567', documentHashes: [EXAMPLE_HASH] })], 'Order'),
  'Order:confirmDelivery': submit([json('deliveryJson', ORDER_ARGUMENTS.DELIVER, { orderId: EXAMPLE_ORDER, proofHash: EXAMPLE_HASH })], 'Order'),
  'Order:settle': submit([orderId], 'SettleResult'),
  'Order:cancel': submit([json('cancelJson', ORDER_ARGUMENTS.CANCEL, { orderId: EXAMPLE_ORDER, reason: 'buyer changed plans' })], 'Order'),
  'Order:dispute': submit([json('disputeJson', ORDER_ARGUMENTS.DISPUTE, { orderId: EXAMPLE_ORDER, reason: 'goods damaged', evidenceHashes: [EXAMPLE_HASH] })], 'Order'),
  'Order:resolveDispute': submit([json('resolutionJson', ORDER_ARGUMENTS.RESOLVE, { orderId: EXAMPLE_ORDER, outcome: 'SPLIT', sellerAmount: '120000', resolution: 'half the panels were damaged' })], 'ResolveResult'),
  'Order:markDefault': submit([orderId], 'DefaultResult'),
  'Order:getOrder': evaluate([orderId], 'Order'),
  'Order:getOrderHistory': evaluate([orderId], 'OrderHistoryEntry', list),
  'Order:getOrderPayments': evaluate([orderId], 'OrderPayment', list),
  'Order:getSettlement': evaluate([orderId], 'SettlementRecord'),
  'Order:listPartyOrders': evaluate([partyId, ...paging], 'Order', page),
  'Order:listOrders': evaluate([plain('status', blankOr(oneOf(ORDER_STATUSES), 'every status')), ...paging], 'Order', page),

  'Margin:postMargin': submit([json('marginJson', MARGIN_ARGUMENTS.MARGIN_MOVE, { partyId: 'ACME-CN', currency: 'CNY', amount: '80000' })], 'MarginMovement'),
  'Margin:withdrawMargin': submit([json('marginJson', MARGIN_ARGUMENTS.MARGIN_MOVE, { partyId: 'ACME-CN', currency: 'CNY', amount: '80000' })], 'MarginMovement'),
  'Margin:claimMargin': submit([json('claimJson', MARGIN_ARGUMENTS.CLAIM, { orderId: EXAMPLE_ORDER, amount: '5000' })], 'MarginClaim'),
  'Margin:getMarginPosition': evaluate([partyId, currency], 'MarginPosition'),
  'Margin:getMarginClaim': evaluate([orderId], 'MarginClaim'),

  'Risk:setLimit': submit([json('limitJson', RISK_ARGUMENTS.RISK_LIMIT, { partyId: 'ACME-US', currency: 'USD', singleOrderMax: '10000000', dailyOutflowMax: '50000000', velocityAlertPerDay: 20 })], 'RiskLimit'),
  'Risk:getLimit': evaluate([partyId, currency], 'RiskLimitSetting'),
  'Risk:getDailyOutflow': evaluate([partyId, currency, plain('day', isoDay())], 'DailyOutflow'),

  'Clearing:setTradeParameters': submit([json('parametersJson', CLEARING_ARGUMENTS.TRADE_PARAMETERS, { platformFeeBps: 10, feeCollector: 'CH-FEES', marginBps: { LOW: 500, MEDIUM: 1000, HIGH: 2000 } })], 'TradeParameters'),
  'Clearing:getTradeParameters': evaluate([], 'TradeParameters'),
  'Clearing:runNetting': submit([json('nettingJson', CLEARING_ARGUMENTS.NETTING, { cutoff: '2026-03-02T00:00:00Z' })], 'NettingRun'),
  'Clearing:getNettingRun': evaluate([plain('runId', text(RUN_ID))], 'NettingRun'),
  'Clearing:listNettingRuns': evaluate([...paging], 'NettingRun', page),
  'Clearing:listPendingObligations': evaluate([...paging], 'Obligation', page),
});

/**
 * Checks a transaction's arguments as the chaincode does before any contract
 * code runs, and throws the XborderError it would answer with. Unknown
 * transactions pass: the chaincode answers those itself.
 */
export function checkArguments(transaction: string, args: readonly string[]): void {
  if (!Object.hasOwn(TRANSACTIONS, transaction)) {
    return;
  }
  const { parameters } = TRANSACTIONS[transaction];
  if (args.length !== parameters.length) {
    throw new XborderError(
      ErrorCodes.INVALID_ARGUMENT,
      `${transaction} takes ${parameters.length} argument(s) (${parameters.map((parameter) => parameter.name).join(', ')}), got ${args.length}`,
    );
  }
  parameters.forEach((parameter, index) => parameter.shape.read(args[index], parameter.path));
}
