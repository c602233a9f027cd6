// The chaincode serves result schemas generated from the model's types when
// the model is built; unit tests run from sources, so generate them here.
import { join } from 'node:path';
import { writeResultSchemas } from '../../model/scripts/result-schemas.mjs';

export default function globalSetup() {
  writeResultSchemas(join(import.meta.dirname, '..', '..', 'model', 'dist', 'result-schemas.json'));
}
