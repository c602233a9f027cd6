import { status as GrpcStatus } from '@grpc/grpc-js';
import { ChaincodeError, CommitFailedError, GatewayStatusError, XborderClientError } from '@xborder/gateway-client';
import { UsageError } from './args.js';

const GRPC_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(GrpcStatus)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/**
 * The code of an error, for the one line a failure prints: the chaincode's
 * code (`KYC_NOT_VERIFIED`), the validation code of a failed commit
 * (`MVCC_READ_CONFLICT`), the gRPC status of a gateway failure
 * (`UNAVAILABLE`), `USAGE` for wrong arguments, else `ERROR`.
 */
export function errorCode(err: unknown): string {
  if (err instanceof ChaincodeError) {
    return err.code;
  }
  if (err instanceof CommitFailedError) {
    return err.validationName;
  }
  if (err instanceof GatewayStatusError) {
    return GRPC_NAMES.get(err.grpcCode) ?? `GRPC_${err.grpcCode}`;
  }
  if (err instanceof UsageError) {
    return 'USAGE';
  }
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code) ? code : 'ERROR';
}

/**
 * One line that says what went wrong: `CODE: detail`, with the transaction id
 * when there is one. Never more than one line, whatever the error holds.
 */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  let detail: string;
  if (err instanceof ChaincodeError) {
    detail = err.detail;
  } else if (err instanceof Error) {
    detail = err.message;
  } else {
    detail = String(err);
  }
  // A refused query wrote nothing, so its transaction id leads nowhere.
  const transaction = err instanceof XborderClientError && err.transactionId && err.stage !== 'evaluate' ? ` (transaction ${err.transactionId})` : '';
  const text = detail.startsWith(`${code}: `) || detail.startsWith(`${code} `) ? detail : `${code}: ${detail}`;
  return `${text}${transaction}`.replace(/\s*\n\s*/g, ' ').trim();
}
