import { parseNettingInput, parseTradeParametersInput } from './clearing';
import { parseBootstrapInput, parseProposalInput } from './consortium';
import { parseRegisterCurrencyInput } from './currency';
import { checkString } from './fields';
import { parseCancelQuoteInput, parseLockQuoteInput, parsePostRateInput } from './fx';
import { parseClaimInput, parseMarginMoveInput } from './margin';
import { parseCancelInput, parseDeliverInput, parseDisputeInput, parseResolveInput, parseShipInput } from './order';
import { PARTY_ID, parseRegisterPartyInput, parseVerifyKycInput } from './party';
import { parseCloseQuotationInput, parseCreateQuotationInput } from './quotation';
import { parseRiskLimitInput } from './risk';
import { parseConsolidateInput, parseFreezeInput, parseMintInput, parseRedeemInput, parseTransferInput } from './token';

/** Checks a transaction's arguments as its contract parses them; throws the XborderError the chaincode would. */
export type ArgumentCheck = (args: readonly string[]) => void;

const json =
  (parse: (argument: string) => unknown): ArgumentCheck =>
  ([argument]) => {
    parse(argument);
  };

/**
 * The parsers of the transactions that take structured arguments, by
 * `Contract:function`: the same functions the contracts call on every
 * endorser, so a client that runs them before sending refuses a bad request
 * with the code the chaincode would give, and sends nothing.
 */
export const ARGUMENT_CHECKS: Readonly<Record<string, ArgumentCheck>> = Object.freeze({
  'Clearing:setTradeParameters': json(parseTradeParametersInput),
  'Clearing:runNetting': json(parseNettingInput),
  'Consortium:bootstrap': json(parseBootstrapInput),
  'Consortium:propose': json(parseProposalInput),
  'FX:postRate': json(parsePostRateInput),
  'FX:lockQuote': json(parseLockQuoteInput),
  'FX:cancelQuote': json(parseCancelQuoteInput),
  'Margin:postMargin': json((argument) => parseMarginMoveInput(argument, 'margin')),
  'Margin:withdrawMargin': json((argument) => parseMarginMoveInput(argument, 'margin')),
  'Margin:claimMargin': json(parseClaimInput),
  'Order:ship': json(parseShipInput),
  'Order:confirmDelivery': json(parseDeliverInput),
  'Order:cancel': json(parseCancelInput),
  'Order:dispute': json(parseDisputeInput),
  'Order:resolveDispute': json(parseResolveInput),
  'Party:registerParty': json(parseRegisterPartyInput),
  'Party:verifyKyc': ([partyId, verification]) => {
    checkString(partyId, 'partyId', PARTY_ID);
    parseVerifyKycInput(verification);
  },
  'Quotation:createQuotation': json(parseCreateQuotationInput),
  'Quotation:withdrawQuotation': json((argument) => parseCloseQuotationInput(argument, 'withdraw')),
  'Quotation:rejectQuotation': json((argument) => parseCloseQuotationInput(argument, 'reject')),
  'Risk:setLimit': json(parseRiskLimitInput),
  'Token:registerCurrency': json(parseRegisterCurrencyInput),
  'Token:mint': json(parseMintInput),
  'Token:redeem': json(parseRedeemInput),
  'Token:transfer': json(parseTransferInput),
  'Token:freeze': json(parseFreezeInput),
  'Token:unfreeze': json(parseFreezeInput),
  'Token:consolidate': json(parseConsolidateInput),
});

/** Runs the argument check of `transaction`, if it has one. */
export function checkArguments(transaction: string, args: readonly string[]): void {
  if (Object.hasOwn(ARGUMENT_CHECKS, transaction)) {
    ARGUMENT_CHECKS[transaction](args);
  }
}
