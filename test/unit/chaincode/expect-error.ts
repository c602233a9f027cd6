import { XborderError } from '../../../model/src/errors';

/** `CODE: detail` of the XborderError `fn` throws, or 'no error', so tests compare one string. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof XborderError ? error.message : `not an XborderError: ${String(error)}`;
  }
  return 'no error';
}

/** The code alone, for tests that pin the rule rather than the wording. */
export function codeOf(fn: () => unknown): string {
  return errorOf(fn).split(':')[0];
}
