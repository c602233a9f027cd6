import { backoffDelay, DEFAULT_RETRY_POLICY, resolveRetryPolicy } from '../../../gateway-client/src/retry';

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles per retry, with jitter over the upper half of the window', () => {
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([100, 200, 400]);
  });

  it('is capped by maxDelayMs', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(1_000);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in defaults and checks the bounds', () => {
    expect(resolveRetryPolicy({ maxCommitAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxCommitAttempts: 2 });
    expect(() => resolveRetryPolicy({ maxTransportAttempts: 0 })).toThrow(/at least 1/);
  });
});
