import { Member } from '@xborder/model/consortium';
import { ErrorCodes, XborderError } from '@xborder/model/errors';
import { Party } from '@xborder/model/party';

/**
 * Who may act: the permission rules, as pure functions of what the guards
 * (chaincode/src/guards) read from the ledger and the caller's certificate.
 */

/** What the chaincode knows of the caller from its certificate. */
export interface Caller {
  mspId: string;
  /** The identity id, as ClientIdentity.getID() gives it. */
  id: string;
  /** The Fabric CA attribute `role`, or null. */
  role: string | null;
}

/**
 * Organisation admins carry the x509 attribute `role=admin` (enrolled with
 * `--id.attrs role=admin:ecert` at the organisation's CA). An attribute rather
 * than the certificate's OU, because every member's CA can set it the same way.
 */
export function isAdmin(caller: Caller): boolean {
  return caller.role === 'admin';
}

export function checkAdmin(caller: Caller): void {
  if (!isAdmin(caller)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, 'this transaction needs an organisation admin identity (attribute role=admin)');
  }
}

/**
 * `mspId` must be an ACTIVE member. Before bootstrap every organisation is
 * unknown for the same reason, which is what it is told. An unknown caller is
 * UNAUTHORIZED (it asked nothing about a record); an unknown subject NOT_FOUND.
 */
export function checkActiveMember(member: Member | undefined, mspId: string, bootstrapped: boolean, as: 'caller' | 'subject'): Member {
  if (!member) {
    if (!bootstrapped) {
      throw new XborderError(ErrorCodes.CONSORTIUM_NOT_BOOTSTRAPPED, 'the consortium has no members yet: call Consortium:bootstrap');
    }
    throw as === 'caller'
      ? new XborderError(ErrorCodes.UNAUTHORIZED, `caller organisation ${mspId} is not a consortium member`)
      : new XborderError(ErrorCodes.NOT_FOUND, `organisation ${mspId} is not a consortium member`);
  }
  if (member.status !== 'ACTIVE') {
    throw new XborderError(ErrorCodes.MEMBER_NOT_ACTIVE, `${as === 'caller' ? 'caller organisation' : 'member'} ${mspId} is ${member.status}`);
  }
  return member;
}

/** The caller's organisation must be an ACTIVE member with role CLEARING. */
export function checkClearingHouse(member: Member | undefined, mspId: string): Member {
  if (!member || member.status !== 'ACTIVE' || !member.roles.includes('CLEARING')) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `caller organisation ${mspId} is not an active CLEARING member`);
  }
  return member;
}

/** Whether `member` may issue now: ACTIVE with role ISSUER. */
export function isActiveIssuer(member: Member | undefined): member is Member {
  return member !== undefined && member.status === 'ACTIVE' && member.roles.includes('ISSUER');
}

/** The caller acts for `party` when it is of the party's organisation and its identity is bound to the party. */
export function checkActsFor(party: Party, caller: Caller): void {
  if (caller.mspId !== party.mspId || !party.identities.includes(caller.id)) {
    throw new XborderError(ErrorCodes.UNAUTHORIZED, `the caller's identity is not bound to party ${party.partyId}`);
  }
}
