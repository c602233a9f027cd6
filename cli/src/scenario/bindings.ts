import type { XborderClient } from '@xborder/gateway-client';

/**
 * Binds a client identity to a party, first releasing it from the party it
 * acted for before. An identity acts for one party of its organisation, and the
 * ledger outlives every run of the scenario, the benchmark and the integration
 * tests, which all give the same few user identities to new parties.
 * Returns the party the identity was released from, if any.
 */
export async function moveIdentityTo(operator: XborderClient, partyId: string, identityId: string): Promise<string | undefined> {
  const previous = (await operator.parties.list(operator.mspId).all()).find((p) => p.identities.includes(identityId));
  if (previous?.partyId === partyId) {
    return undefined;
  }
  if (previous) {
    await operator.parties.unbindIdentity(previous.partyId, identityId);
  }
  await operator.parties.bindIdentity(partyId, identityId);
  return previous?.partyId;
}
