import { status as GrpcStatus } from '@grpc/grpc-js';
import { type ErrorDetail, GatewayError } from '@hyperledger/fabric-gateway';
import { type ErrorCode, parseErrorCode } from '@xborder/model/errors';

/** The step of a transaction's flow at which an error happened. */
/** `validate`: refused by the client itself, with the chaincode's own parsers, before anything was sent. */
export type TransactionStage = 'validate' | 'evaluate' | 'endorse' | 'submit' | 'commit' | 'events';

/** What one peer or orderer said about a failed request, as the gateway reports it. */
export interface PeerErrorDetail {
  /** host:port of the node. */
  address: string;
  mspId: string;
  message: string;
  /** The chaincode error code in `message`, when there is one. */
  code?: ErrorCode;
}

/** What every error of this library carries, as given to its constructor. */
export interface ErrorProperties {
  stage: TransactionStage;
  transactionId?: string;
  cause?: unknown;
}

/**
 * The base class of every error this library throws, so that one `catch`
 * clause with `instanceof XborderClientError` sees them all.
 */
export class XborderClientError extends Error {
  /** Where in the transaction flow it failed. */
  readonly stage: TransactionStage;
  /** The transaction concerned, when one had been created. */
  readonly transactionId?: string;

  constructor(message: string, properties: ErrorProperties) {
    super(message, { cause: properties.cause });
    this.name = new.target.name;
    this.stage = properties.stage;
    this.transactionId = properties.transactionId;
  }
}

/**
 * The chaincode refused the request with one of the codes of the shared
 * `ErrorCodes` table (`INSUFFICIENT_FUNDS`, `KYC_NOT_VERIFIED`, ...). A business
 * outcome: nothing was written, and repeating the same request gives the same
 * answer, so it is never retried. Narrow with {@link ChaincodeError.is}.
 *
 * @example
 * try {
 *   await client.tokens.transfer({ currency: 'USD', from: 'P1', to: 'P2', amount: 500n, reference: 'INV-9' });
 * } catch (err) {
 *   if (err instanceof ChaincodeError && err.is(ErrorCodes.INSUFFICIENT_FUNDS)) {
 *     console.log('top up first:', err.detail);
 *   }
 * }
 */
export class ChaincodeError<C extends ErrorCode = ErrorCode> extends XborderClientError {
  /** The code from the shared table. */
  readonly code: C;
  /** The chaincode's message after the code: which rule fired. */
  readonly detail: string;
  /** What each peer answered. */
  readonly details: readonly PeerErrorDetail[];

  constructor(code: C, detail: string, properties: ErrorProperties & { details?: readonly PeerErrorDetail[] }) {
    super(`${code}: ${detail}`, properties);
    this.code = code;
    this.detail = detail;
    this.details = properties.details ?? [];
  }

  /** Whether this error has `code`; narrows the type of `code`. */
  is<K extends ErrorCode>(code: K): this is ChaincodeError<K> {
    return (this.code as ErrorCode) === code;
  }
}

/** A failure the gateway reported with a gRPC status rather than a chaincode error code. */
export class GatewayStatusError extends XborderClientError {
  /** The gRPC status code (`status` of @grpc/grpc-js). */
  readonly grpcCode: number;
  /** What each peer or orderer said, when the gateway passed it on. */
  readonly details: readonly PeerErrorDetail[];

  constructor(message: string, properties: ErrorProperties & { grpcCode: number; details?: readonly PeerErrorDetail[] }) {
    super(message, properties);
    this.grpcCode = properties.grpcCode;
    this.details = properties.details ?? [];
  }
}

/**
 * The gateway peer (or the nodes behind it) could not be reached or did not
 * answer in time, after the retries the policy allows: gRPC `UNAVAILABLE` or
 * `DEADLINE_EXCEEDED`. Says nothing about the request's merits.
 */
export class TransportError extends GatewayStatusError {}

/**
 * The gateway rejected the request for a reason that is neither a chaincode
 * error code nor a transport failure: for example endorsements that do not
 * match, an unknown transaction name, or an orderer refusing the transaction.
 */
export class GatewayRequestError extends GatewayStatusError {}

/**
 * The transaction was ordered into a block but validated as invalid, so it
 * changed nothing: for example `ENDORSEMENT_POLICY_FAILURE`, or a read
 * conflict that persisted through every retry the policy allows.
 */
export class CommitFailedError extends XborderClientError {
  /** The Fabric validation code (`StatusCode` of @hyperledger/fabric-gateway). */
  readonly validationCode: number;
  /** Its name, such as `MVCC_READ_CONFLICT`. */
  readonly validationName: string;
  declare readonly transactionId: string;

  constructor(properties: { transactionId: string; validationCode: number; validationName: string; attempts: number }) {
    const tries = properties.attempts > 1 ? ` after ${properties.attempts} attempts` : '';
    super(`transaction ${properties.transactionId} failed validation with ${properties.validationName}${tries}`, {
      stage: 'commit',
      transactionId: properties.transactionId,
    });
    this.validationCode = properties.validationCode;
    this.validationName = properties.validationName;
  }
}

/**
 * Whether the transaction committed could not be established: it was handed
 * to the orderer, then the commit status could not be read within the
 * deadlines. The transaction may still commit. Do not repeat the request as a
 * new transaction; ask {@link XborderClient.transactionStatus} about
 * `transactionId` later. (Repeating a payment or mint with the same
 * idempotency key or deposit reference is also safe: the chaincode returns the
 * first result.)
 */
export class CommitUnknownError extends XborderClientError {
  declare readonly transactionId: string;

  constructor(transactionId: string, cause: unknown) {
    super(`could not establish whether transaction ${transactionId} committed; check its status later, do not resend it as a new transaction`, {
      stage: 'commit',
      transactionId,
      cause,
    });
  }
}

/**
 * The peers a call needed did not commit a block the client had seen
 * (through {@link Consistency}) within the `catchUpMs` deadline, so the call
 * was not made: acting on older state could give a wrong answer. Nothing was
 * sent for endorsement or ordering. Repeat the call later, or check the
 * lagging organisations' peers.
 */
export class ConsistencyTimeoutError extends XborderClientError {
  /** A stable code for logs and command lines. */
  readonly code = 'CONSISTENCY_TIMEOUT';
  /** The block the peers had to commit. */
  readonly blockNumber: bigint;
  /** The organisations whose peers were still behind it. */
  readonly organizations: readonly string[];
  /** The last height (blocks committed) each of them reported, or `unknown`. */
  readonly heights: Readonly<Record<string, string>>;
  readonly waitedMs: number;

  constructor(properties: {
    stage: TransactionStage;
    blockNumber: bigint;
    organizations: readonly string[];
    heights: Record<string, string>;
    waitedMs: number;
    cause?: unknown;
  }) {
    const heights = properties.organizations.map((mspId) => `${mspId} at height ${properties.heights[mspId] ?? 'unknown'}`).join(', ');
    super(`peers did not commit block ${properties.blockNumber} within ${properties.waitedMs} ms: ${heights}`, { stage: properties.stage, cause: properties.cause });
    this.blockNumber = properties.blockNumber;
    this.organizations = properties.organizations;
    this.heights = properties.heights;
    this.waitedMs = properties.waitedMs;
  }
}

/** gRPC codes that mean "not reached" or "no answer in time" rather than "refused". */
const TRANSPORT_CODES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);

/**
 * Turns what fabric-gateway (or gRPC) threw into this library's errors. A
 * chaincode error code, in the message or any peer's detail, wins over the
 * gRPC status: a peer that refused on business grounds decides the outcome.
 */
export function toClientError(err: unknown, stage: TransactionStage, transactionId?: string): XborderClientError {
  if (err instanceof XborderClientError) {
    return err;
  }
  const txId = transactionId ?? transactionIdOf(err);
  const details = gatewayDetails(err);
  const message = err instanceof Error ? err.message : String(err);
  const coded = [message, ...details.map((d) => d.message)].map(parseErrorCode).find((parsed) => parsed !== undefined);
  if (coded) {
    return new ChaincodeError(coded.code, coded.detail, { stage, transactionId: txId, details, cause: err });
  }
  const grpcCode = grpcCodeOf(err);
  if (grpcCode === undefined) {
    return new XborderClientError(message, { stage, transactionId: txId, cause: err });
  }
  const properties = { stage, transactionId: txId, grpcCode, details, cause: err };
  const text = describe(message, details);
  return TRANSPORT_CODES.has(grpcCode) ? new TransportError(text, properties) : new GatewayRequestError(text, properties);
}

/** Whether `err` is a transport failure, the only kind of gateway error worth repeating unchanged. */
export function isTransportError(err: unknown): err is TransportError {
  return err instanceof TransportError;
}

function gatewayDetails(err: unknown): PeerErrorDetail[] {
  if (!(err instanceof GatewayError)) {
    return [];
  }
  return err.details.map((detail: ErrorDetail) => {
    const code = parseErrorCode(detail.message)?.code;
    return { address: detail.address, mspId: detail.mspId, message: detail.message, ...(code ? { code } : {}) };
  });
}

function grpcCodeOf(err: unknown): number | undefined {
  if (err instanceof GatewayError) {
    return err.code;
  }
  const code = (err as { code?: unknown } | null)?.code;
  // Plain gRPC ServiceErrors carry a numeric code and metadata.
  return typeof code === 'number' && typeof err === 'object' && err !== null && 'metadata' in err ? code : undefined;
}

function transactionIdOf(err: unknown): string | undefined {
  const id = (err as { transactionId?: unknown } | null)?.transactionId;
  return typeof id === 'string' ? id : undefined;
}

function describe(message: string, details: readonly PeerErrorDetail[]): string {
  if (details.length === 0) {
    return message;
  }
  return `${message} (${details.map((d) => `${d.mspId} ${d.address}: ${d.message}`).join('; ')})`;
}
