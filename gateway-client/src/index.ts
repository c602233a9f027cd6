/**
 * @xborder/gateway-client: the typed client member organisations use to reach
 * the xborder chaincode through the Fabric Gateway.
 */
export { connectWithProfile, type ConnectOptions, type ProfileIdentity, type XborderConnection } from './connect';
export {
  readConnectionProfile,
  parseConnectionProfile,
  type ConnectionProfile,
  type IdentityFiles,
  type PeerEndpoint,
} from './connection-profile';
