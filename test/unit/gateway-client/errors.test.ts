import { status as GrpcStatus } from '@grpc/grpc-js';
import { ErrorCodes } from '../../../model/src/errors';
import {
  ChaincodeError,
  GatewayRequestError,
  toClientError,
  TransportError,
  XborderClientError,
} from '../../../gateway-client/src/errors';
import { chaincodeRefusal, endorseError, gatewayError } from './fakes';

describe('toClientError', () => {
  it('turns a chaincode error code in the peers details into a ChaincodeError with the transaction and per-peer details', () => {
    const err = toClientError(chaincodeRefusal('tx9', 'KYC_NOT_VERIFIED: party P1 is PENDING'), 'endorse');
    expect(err).toBeInstanceOf(ChaincodeError);
    expect(err).toBeInstanceOf(XborderClientError);
    expect(err).toMatchObject({
      code: ErrorCodes.KYC_NOT_VERIFIED,
      detail: 'party P1 is PENDING',
      message: 'KYC_NOT_VERIFIED: party P1 is PENDING',
      transactionId: 'tx9',
      stage: 'endorse',
      name: 'ChaincodeError',
    });
    expect((err as ChaincodeError).details).toEqual([
      expect.objectContaining({ mspId: 'CNBankMSP', address: '127.0.0.1:7030', code: ErrorCodes.KYC_NOT_VERIFIED }),
      expect.objectContaining({ mspId: 'ClearingHouseMSP', code: ErrorCodes.KYC_NOT_VERIFIED }),
    ]);
  });

  it('finds the code in the message of an evaluation error', () => {
    const err = toClientError(new Error('2 UNKNOWN: evaluate call to endorser returned error: chaincode response 500, NOT_FOUND: party P9'), 'evaluate', 'tx1');
    expect(err).toMatchObject({ code: 'NOT_FOUND', detail: 'party P9', transactionId: 'tx1' });
  });

  it('maps every code of the shared table', () => {
    for (const code of Object.values(ErrorCodes)) {
      const err = toClientError(chaincodeRefusal('tx1', `${code}: rule fired`), 'endorse');
      expect(err instanceof ChaincodeError && err.is(code)).toBe(true);
    }
  });

  it('narrows the code with is()', () => {
    const err = toClientError(chaincodeRefusal('tx1', 'INSUFFICIENT_FUNDS: short'), 'endorse');
    expect(err instanceof ChaincodeError && err.is(ErrorCodes.INSUFFICIENT_FUNDS)).toBe(true);
    expect(err instanceof ChaincodeError && err.is(ErrorCodes.NOT_FOUND)).toBe(false);
  });

  it('keeps UNAVAILABLE and DEADLINE_EXCEEDED apart as TransportError', () => {
    for (const code of [GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]) {
      const err = toClientError(endorseError(code, 'tx4'), 'endorse');
      expect(err).toBeInstanceOf(TransportError);
      expect(err).toMatchObject({ grpcCode: code, transactionId: 'tx4', stage: 'endorse' });
    }
  });

  it('reports other gateway failures without a code as GatewayRequestError', () => {
    const err = toClientError(gatewayError(GrpcStatus.ABORTED), 'submit', 'tx2');
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err).toMatchObject({ grpcCode: GrpcStatus.ABORTED, transactionId: 'tx2' });
  });

  it('ignores code-like prefixes that are not in the shared table', () => {
    const err = toClientError(chaincodeRefusal('tx1', 'SOMETHING_ELSE: nope'), 'endorse');
    expect(err).toBeInstanceOf(GatewayRequestError);
  });

  it('wraps anything else and keeps it as the cause', () => {
    const cause = new TypeError('boom');
    const err = toClientError(cause, 'evaluate');
    expect(err.constructor).toBe(XborderClientError);
    expect(err.cause).toBe(cause);
  });

  it('returns errors of this library unchanged', () => {
    const err = new TransportError('down', { stage: 'submit', grpcCode: GrpcStatus.UNAVAILABLE });
    expect(toClientError(err, 'evaluate')).toBe(err);
  });
});
