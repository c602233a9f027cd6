import { status as GrpcStatus } from '@grpc/grpc-js';
import { EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { ChaincodeError, CommitFailedError, CommitUnknownError, TransportError } from '../../../gateway-client/src/errors';
import { chaincodeRefusal, endorseError, FakeContract, gatewayError, newInvoker, serviceError, TRANSFER_ARGS, utf8 } from './fakes';

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('Invoker.submit', () => {
  it('endorses, submits and waits for one transaction when all goes well', async () => {
    const ledger = new FakeContract({ endorse: async (txId) => `{"txId":"${txId}"}` });
    const result = await newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    expect(decode(result.result)).toBe('{"txId":"tx1"}');
    expect(result).toMatchObject({ transactionId: 'tx1', attempts: 1, blockNumber: 7n });
    expect(ledger.steps.map((s) => s.step)).toEqual(['endorse', 'submit', 'status']);
  });

  it('re-endorses an MVCC or phantom conflict as a new transaction', async () => {
    const codes = [StatusCode.MVCC_READ_CONFLICT, StatusCode.PHANTOM_READ_CONFLICT, StatusCode.VALID];
    const ledger = new FakeContract({ status: async () => codes.shift() ?? StatusCode.VALID });
    const result = await newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    expect(result).toMatchObject({ transactionId: 'tx3', attempts: 3 });
    expect(ledger.submitted).toEqual(['tx1', 'tx2', 'tx3']);
    expect(ledger.proposals.map((p) => p.arguments)).toEqual([TRANSFER_ARGS, TRANSFER_ARGS, TRANSFER_ARGS]);
  });

  it('gives up on conflicts after maxCommitAttempts with CommitFailedError', async () => {
    const ledger = new FakeContract({ status: async () => StatusCode.MVCC_READ_CONFLICT });
    const failure = newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    await expect(failure).rejects.toBeInstanceOf(CommitFailedError);
    await expect(failure).rejects.toMatchObject({ validationName: 'MVCC_READ_CONFLICT', transactionId: 'tx3' });
    expect(ledger.submitted).toEqual(['tx1', 'tx2', 'tx3']);
  });

  it('does not retry other validation failures', async () => {
    const ledger = new FakeContract({ status: async () => StatusCode.ENDORSEMENT_POLICY_FAILURE });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).rejects.toMatchObject({
      name: 'CommitFailedError',
      validationName: 'ENDORSEMENT_POLICY_FAILURE',
    });
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('never retries a business error', async () => {
    const ledger = new FakeContract({
      endorse: async (txId) => {
        throw chaincodeRefusal(txId, 'INSUFFICIENT_FUNDS: account party:P1 holds 5 USD, needs 10');
      },
    });
    const failure = newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    await expect(failure).rejects.toBeInstanceOf(ChaincodeError);
    await expect(failure).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', transactionId: 'tx1', stage: 'endorse' });
    expect(ledger.steps).toEqual([{ step: 'endorse', txId: 'tx1' }]);
  });

  it('repeats the endorsement of the same proposal while the gateway is UNAVAILABLE', async () => {
    const ledger = new FakeContract({
      endorse: async (txId, attempt) => {
        if (attempt < 3) {
          throw endorseError(GrpcStatus.UNAVAILABLE, txId);
        }
        return '{}';
      },
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1' });
    expect(ledger.stepsOf('endorse')).toEqual(['tx1', 'tx1', 'tx1']);
    expect(ledger.proposals).toHaveLength(1);
  });

  it('endorses the same proposal again when the endorsers computed different results', async () => {
    const ledger = new FakeContract({
      endorse: async (txId, attempt) => {
        if (attempt === 1) {
          throw new EndorseError({
            code: GrpcStatus.ABORTED,
            message: '10 ABORTED: failed to assemble transaction: ProposalResponsePayloads do not match',
            details: [],
            cause: serviceError(GrpcStatus.ABORTED, 'failed to assemble transaction'),
            transactionId: txId,
          });
        }
        return '{}';
      },
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1', attempts: 1 });
    expect(ledger.stepsOf('endorse')).toEqual(['tx1', 'tx1']);
    expect(ledger.proposals).toHaveLength(1);
  });

  it('stops repeating an UNAVAILABLE endorsement after maxTransportAttempts with TransportError', async () => {
    const ledger = new FakeContract({
      endorse: async (txId) => {
        throw endorseError(GrpcStatus.UNAVAILABLE, txId);
      },
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).rejects.toMatchObject({
      name: 'TransportError',
      grpcCode: GrpcStatus.UNAVAILABLE,
      stage: 'endorse',
    });
    expect(ledger.stepsOf('endorse')).toHaveLength(3);
    expect(ledger.submitted).toEqual([]);
  });

  it('resolves a commit status timeout by asking about the same transaction, never submitting another', async () => {
    const ledger = new FakeContract({
      status: async (txId, attempt) => {
        if (attempt < 2) {
          throw gatewayError(GrpcStatus.DEADLINE_EXCEEDED, txId);
        }
        return StatusCode.VALID;
      },
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1', attempts: 1 });
    expect(ledger.submitted).toEqual(['tx1']);
    expect(ledger.stepsOf('status')).toEqual(['tx1', 'tx1']);
  });

  it('after the status deadlines run out, looks the same transaction up in the ledger', async () => {
    const ledger = new FakeContract({
      status: async (txId) => {
        throw gatewayError(GrpcStatus.DEADLINE_EXCEEDED, txId);
      },
      lookUp: async (txId) => ({ transactionId: txId, code: 0, name: 'VALID', successful: true, blockNumber: 9n }),
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1' });
    expect(ledger.submitted).toEqual(['tx1']);
    expect(ledger.stepsOf('lookUp')).toEqual(['tx1']);
    expect(ledger.proposals).toHaveLength(1);
  });

  it('throws CommitUnknownError, without a second transaction, when the outcome stays unknown', async () => {
    const ledger = new FakeContract({
      status: async (txId) => {
        throw gatewayError(GrpcStatus.UNAVAILABLE, txId);
      },
      lookUp: async () => undefined,
    });
    const failure = newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    await expect(failure).rejects.toBeInstanceOf(CommitUnknownError);
    await expect(failure).rejects.toMatchObject({ transactionId: 'tx1' });
    expect(ledger.proposals).toHaveLength(1);
    expect(ledger.submitted).toEqual(['tx1']);
  });

  it('resends the same transaction (same id) when the orderer cannot be reached', async () => {
    let sends = 0;
    const ledger = new FakeContract({
      submit: async () => {
        sends += 1;
        if (sends === 1) {
          throw gatewayError(GrpcStatus.UNAVAILABLE);
        }
      },
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1' });
    expect(ledger.submitted).toEqual(['tx1', 'tx1']);
  });

  it('when a resend was ordered as a duplicate, takes the first copy status from the ledger', async () => {
    const ledger = new FakeContract({
      status: async () => StatusCode.DUPLICATE_TXID,
      lookUp: async (txId) => ({ transactionId: txId, code: 0, name: 'VALID', successful: true, blockNumber: 9n }),
    });
    await expect(newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS)).resolves.toMatchObject({ transactionId: 'tx1' });
    expect(ledger.proposals).toHaveLength(1);
  });
});

describe('Invoker.submit checking arguments before it sends', () => {
  it.each([
    ['a malformed amount', 'Token:transfer', '{"currency":"USD","from":"P1","to":"P2","amount":"1e3","reference":"r"}', 'INVALID_AMOUNT'],
    ['an unknown field', 'Token:mint', '{"currency":"USD","to":"P1","amount":"5","depositRef":"D1","memo":"x"}', 'INVALID_ARGUMENT'],
    ['a payment to oneself', 'Token:transfer', '{"currency":"USD","from":"P1","to":"P1","amount":"5","reference":"r"}', 'INVALID_ARGUMENT'],
    ['a bad currency code', 'Token:mint', '{"currency":"usd","to":"P1","amount":"5","depositRef":"D1"}', 'INVALID_ARGUMENT'],
  ])('refuses %s with the chaincode\'s code and sends nothing', async (_what, name, argument, code) => {
    const ledger = new FakeContract();
    const failure = newInvoker(ledger).submit(name, [argument]);
    await expect(failure).rejects.toBeInstanceOf(ChaincodeError);
    await expect(failure).rejects.toMatchObject({ code, stage: 'validate' });
    expect(ledger.proposals).toEqual([]);
  });

  it('checks the party id of a KYC verification as the chaincode does', async () => {
    const ledger = new FakeContract();
    await expect(newInvoker(ledger).submit('Party:verifyKyc', ['bad id!', '{}'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', stage: 'validate' });
    expect(ledger.proposals).toEqual([]);
  });

  it('sends well-formed arguments unchanged', async () => {
    const ledger = new FakeContract();
    await newInvoker(ledger).submit('Token:transfer', TRANSFER_ARGS);
    expect(ledger.proposals.map((p) => p.arguments)).toEqual([TRANSFER_ARGS]);
  });
});

describe('Invoker.evaluate', () => {
  it('returns the result and never submits', async () => {
    const ledger = new FakeContract({ evaluate: async () => '{"ok":true}' });
    expect(decode(await newInvoker(ledger).evaluate('Health:ping', []))).toBe('{"ok":true}');
    expect(ledger.steps.map((s) => s.step)).toEqual(['evaluate']);
  });

  it('repeats on transport failures only', async () => {
    const ledger = new FakeContract({
      evaluate: async (_txId, attempt) => {
        if (attempt === 1) {
          throw gatewayError(GrpcStatus.DEADLINE_EXCEEDED);
        }
        throw gatewayError(GrpcStatus.NOT_FOUND);
      },
    });
    await expect(newInvoker(ledger).evaluate('Health:ping', [])).rejects.toMatchObject({ name: 'GatewayRequestError', grpcCode: GrpcStatus.NOT_FOUND });
    expect(ledger.stepsOf('evaluate')).toHaveLength(2);
  });

  it('passes transient data and endorsing organisations through to the proposal', async () => {
    const ledger = new FakeContract();
    await newInvoker(ledger).evaluate('Party:proveKycData', ['P1'], { transientData: { kyc: utf8('{}') }, endorsingOrganizations: ['JPBankMSP'] });
    expect(ledger.proposals[0]).toMatchObject({ name: 'Party:proveKycData', arguments: ['P1'], endorsingOrganizations: ['JPBankMSP'] });
    expect(Object.keys(ledger.proposals[0].transientData ?? {})).toEqual(['kyc']);
  });
});

describe('TransportError', () => {
  it('is what a transport failure becomes', async () => {
    const ledger = new FakeContract({
      evaluate: async () => {
        throw gatewayError(GrpcStatus.UNAVAILABLE);
      },
    });
    await expect(newInvoker(ledger).evaluate('Health:ping', [])).rejects.toBeInstanceOf(TransportError);
  });
});
