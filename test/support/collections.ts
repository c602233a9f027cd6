import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A private data collection of the chaincode definition, as far as access goes. */
export interface CollectionDefinition {
  readonly name: string;
  /** The organisations whose peers hold the data: the MSP ids in the collection's member policy. */
  readonly members: readonly string[];
  /** Only clients of member organisations may read (memberOnlyRead). */
  readonly memberOnlyRead: boolean;
  /** Only clients of member organisations may write (memberOnlyWrite). */
  readonly memberOnlyWrite: boolean;
}

interface CollectionConfig {
  name: string;
  policy: string;
  memberOnlyRead?: boolean;
  memberOnlyWrite?: boolean;
}

/**
 * The collections the network deploys the chaincode with (network/config/collections.json),
 * so unit tests run against the same definition as the peers.
 */
export function networkCollections(): CollectionDefinition[] {
  const file = join(__dirname, '..', '..', 'network', 'config', 'collections.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as CollectionConfig[]).map((config) => ({
    name: config.name,
    members: membersOf(config.policy, config.name),
    memberOnlyRead: config.memberOnlyRead ?? false,
    memberOnlyWrite: config.memberOnlyWrite ?? false,
  }));
}

/** `OR('A.member', 'B.member')` -> [A, B]; other policy forms are not used by the network and are refused. */
function membersOf(policy: string, collection: string): string[] {
  const match = /^OR\((.*)\)$/.exec(policy.trim());
  const principals = match ? match[1].split(',').map((principal) => /^\s*'([^'.]+)\.member'\s*$/.exec(principal)?.[1]) : [];
  if (principals.length === 0 || principals.some((mspId) => mspId === undefined)) {
    throw new Error(`collection ${collection}: policy ${policy} is not OR('<msp>.member', ...)`);
  }
  return principals as string[];
}

/**
 * The checks a peer makes on private data calls (core/chaincode/handler.go and
 * core/common/privdata/store.go in Fabric 2.5/3.x), with its messages:
 * - a collection the chaincode definition does not declare cannot be read or written;
 * - with memberOnlyRead / memberOnlyWrite, the client (the proposal's creator) must belong
 *   to a member organisation;
 * - a peer outside the collection holds only hashes, so it cannot read a value that exists.
 */
export class CollectionAccess {
  readonly #byName: ReadonlyMap<string, CollectionDefinition>;

  constructor(
    definitions: readonly CollectionDefinition[],
    private readonly channelId: string,
    private readonly chaincodeName: string,
  ) {
    this.#byName = new Map(definitions.map((definition) => [definition.name, definition]));
  }

  checkRead(collection: string, creatorMspId: string): void {
    const definition = this.#declared(collection);
    if (definition.memberOnlyRead && !definition.members.includes(creatorMspId)) {
      throw new Error(`tx creator does not have read access permission on privatedata in chaincodeName:${this.chaincodeName} collectionName: ${collection}`);
    }
  }

  checkWrite(collection: string, creatorMspId: string): void {
    const definition = this.#declared(collection);
    if (definition.memberOnlyWrite && !definition.members.includes(creatorMspId)) {
      throw new Error(`tx creator does not have write access permission on privatedata in chaincodeName:${this.chaincodeName} collectionName: ${collection}`);
    }
  }

  checkDeclared(collection: string): void {
    this.#declared(collection);
  }

  /** A peer that is not a member stores only the hash of each value, never the value. */
  holdsValues(collection: string, peerMspId: string): boolean {
    return this.#declared(collection).members.includes(peerMspId);
  }

  #declared(collection: string): CollectionDefinition {
    const definition = this.#byName.get(collection);
    if (!definition) {
      throw new Error(`collection ${this.channelId}/${this.chaincodeName}/${collection} could not be found`);
    }
    return definition;
  }
}
