import { ConsortiumContract } from './contracts/consortium';
import { FxContract } from './contracts/fx';
import { HealthContract } from './contracts/health';
import { PartyContract } from './contracts/party';
import { TokenContract } from './contracts/token';

export { ConsortiumContract, FxContract, HealthContract, PartyContract, TokenContract };

/** The contracts fabric-chaincode-node serves, looked up by `contracts` in the main module. */
export const contracts = [HealthContract, ConsortiumContract, PartyContract, TokenContract, FxContract];
