import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');

/** Every package a production install of the client pulls in, by name. */
function productionTree(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['ls', '--omit=dev', '--workspace', 'gateway-client', '--all', '--json'], { cwd: REPO, encoding: 'utf8' });
  interface Node {
    dependencies?: Record<string, Node>;
  }
  const names = new Set<string>();
  const walk = (node: Node): void => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      names.add(name);
      walk(child);
    }
  };
  walk(JSON.parse(out) as Node);
  return [...names].sort();
}

/**
 * What member organisations install is part of the client's API: the gateway,
 * gRPC, protobuf and the shared model, never the chaincode runtime. A change
 * here is a change to what every user's install holds, so it is pinned.
 */
describe("@xborder/gateway-client's production dependencies", () => {
  const tree = productionTree();

  it('hold neither the chaincode nor its runtime', () => {
    for (const forbidden of ['@xborder/chaincode', 'fabric-shim', 'fabric-contract-api', 'fabric-shim-api', 'class-transformer', 'winston']) {
      expect(tree).not.toContain(forbidden);
    }
  });

  it('are exactly these packages', () => {
    expect(tree).toEqual([
      '@grpc/grpc-js',
      '@grpc/proto-loader',
      '@hyperledger/fabric-gateway',
      '@hyperledger/fabric-protos',
      '@js-sdsl/ordered-map',
      '@noble/curves',
      '@noble/hashes',
      '@protobufjs/aspromise',
      '@protobufjs/base64',
      '@protobufjs/codegen',
      '@protobufjs/eventemitter',
      '@protobufjs/fetch',
      '@protobufjs/float',
      '@protobufjs/path',
      '@protobufjs/pool',
      '@protobufjs/utf8',
      '@types/node',
      '@xborder/gateway-client',
      '@xborder/model',
      'ansi-regex',
      'ansi-styles',
      'cliui',
      'color-convert',
      'color-name',
      'emoji-regex',
      'escalade',
      'get-caller-file',
      'google-protobuf',
      'is-fullwidth-code-point',
      'lodash.camelcase',
      'long',
      'pkcs11js',
      'protobufjs',
      'require-directory',
      'string-width',
      'strip-ansi',
      'undici-types',
      'wrap-ansi',
      'y18n',
      'yargs',
      'yargs-parser',
    ]);
  });
});
