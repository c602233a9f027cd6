// Generates the JSON Schema of every type the model exports, from its
// TypeScript source, for the contract API's results (see src/contract-api.ts).
// Run by the model's build and by the unit tests' global setup; the output
// is a build product, never checked in.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const model = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Files that describe the API rather than hold its types. */
const API_MACHINERY = ['schema.ts', 'transactions.ts', 'contract-api.ts'];

/** Names of the exported, non-generic interfaces and type aliases of model/src. */
function exportedTypes() {
  const names = [];
  for (const file of readdirSync(join(model, 'src')).filter((name) => name.endsWith('.ts') && !API_MACHINERY.includes(name)).sort()) {
    for (const match of readFileSync(join(model, 'src', file), 'utf8').matchAll(/^export (?:interface|type) ([A-Za-z0-9_]+)(?![A-Za-z0-9_<])/gm)) {
      names.push(match[1]);
    }
  }
  return names;
}

/** `{ $defs }` for every exported type of model/src, referring to each other as `#/$defs/Name`. */
export function resultSchemas() {
  const generator = createGenerator({
    path: join(model, 'src', '*.ts'),
    tsconfig: join(model, 'tsconfig.json'),
    expose: 'export',
    topRef: false,
    jsDoc: 'basic',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const definitions = {};
  for (const name of exportedTypes()) {
    const { definitions: referenced = {}, ...root } = generator.createSchema(name);
    delete root.$schema;
    Object.assign(definitions, referenced, { [name]: root });
  }
  const text = JSON.stringify(definitions).replaceAll('"#/definitions/', '"#/$defs/');
  const sorted = Object.fromEntries(Object.entries(JSON.parse(text)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { $defs: sorted };
}

export function writeResultSchemas(file) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(resultSchemas(), null, 1)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeResultSchemas(process.argv[2] ?? join(model, 'dist', 'result-schemas.json'));
}
