/**
 * In-memory Fabric ledger for chaincode unit tests: a ChaincodeStub with Fabric's simulation
 * semantics and a ledger that endorses, orders and validates transactions like a peer.
 *
 * @example
 * import { FakeLedger, identity } from '../../support';
 * const ledger = new FakeLedger();
 * const alice = identity('CNBankMSP', 'alice', { role: 'admin' });
 * const result = await ledger.submit(new HealthContract(), 'heartbeat', [], { as: alice });
 */
export { FakeLedger, TransactionInvalidError, CHANNEL_ID, DEFAULT_PEER_MSP_ID } from './fake-ledger';
export type { ProposalOptions, LedgerEvent, LedgerSnapshot } from './fake-ledger';
export { identity } from './identity';
export { networkCollections } from './collections';
export type { CollectionDefinition } from './collections';
export type { FakeClientIdentity, FakeX509Certificate } from './identity';
export type { Simulation } from './simulation';
export type { ValidationCode } from './validation';
export type { ChaincodeEvent } from './stub';
export { checkCallsAgainstApi } from './dispatch';
export type { RangeQueryInfo, RangeRead } from './read-write-set';
export type { Version } from './versioned-store';
