import { ApiContract } from './contracts/api';
import { ClearingContract } from './contracts/clearing';
import { ConsortiumContract } from './contracts/consortium';
import { FxContract } from './contracts/fx';
import { HealthContract } from './contracts/health';
import { MarginContract } from './contracts/margin';
import { OrderContract } from './contracts/order';
import { PartyContract } from './contracts/party';
import { QuotationContract } from './contracts/quotation';
import { RiskContract } from './contracts/risk';
import { TokenContract } from './contracts/token';
import { skipDisabledLogLevels } from './logging';

// The chaincode server loads this module before it serves: from then on its loggers skip what they would not print.
skipDisabledLogLevels();

export {
  ApiContract,
  ClearingContract,
  ConsortiumContract,
  FxContract,
  HealthContract,
  MarginContract,
  OrderContract,
  PartyContract,
  QuotationContract,
  RiskContract,
  TokenContract,
};

/** The contracts fabric-chaincode-node serves, looked up by `contracts` in the main module. */
export const contracts = [
  HealthContract,
  ConsortiumContract,
  PartyContract,
  TokenContract,
  FxContract,
  QuotationContract,
  OrderContract,
  MarginContract,
  RiskContract,
  ClearingContract,
  ApiContract,
];
