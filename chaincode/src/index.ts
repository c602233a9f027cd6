import { HealthContract } from './contracts/health';

export { HealthContract };

/** The contracts fabric-chaincode-node serves, looked up by `contracts` in the main module. */
export const contracts = [HealthContract];
