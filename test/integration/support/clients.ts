import * as path from 'node:path';
import { connect, XborderClient } from '../../../gateway-client/src';
import { RUN_DIR } from './network';

export { endorsingMspIds } from '../../../gateway-client/src/endorsements';

/** Connects as one identity of an organisation, e.g. `connectAs('cnbank')` or `connectAs('usbank', { identity: 'operator' })`. */
export async function connectAs(org: string, options: { identity?: string; peer?: string } = {}): Promise<XborderClient> {
  return connect({ profile: path.join(RUN_DIR, 'connection', `${org}.json`), ...options });
}
