import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { networkScript } from './support/network';

interface Packages {
  node: { file: string; packageId: string };
  ccaas: { file: string; packageId: string };
}

/** Reads one file out of a .tar.gz (nested archives by piping through tar twice). */
function fileInTarGz(archive: Buffer | string, member: string): Buffer {
  const input = typeof archive === 'string' ? readFileSync(archive) : archive;
  return execFileSync('tar', ['-xzOf', '-', member], { input, maxBuffer: 64 * 1024 * 1024 });
}

/** Deploying to someone else's channel: both package formats, with package ids as the peer computes them. */
describe('network.sh package', () => {
  let outDir: string;
  let packages: Packages;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'xborder-packages-'));
    packages = JSON.parse(await networkScript('package', outDir)) as Packages;
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(['node', 'ccaas'] as const)('gives the %s package the id label:sha256(file)', (kind) => {
    const { file, packageId } = packages[kind];
    const metadata = JSON.parse(fileInTarGz(file, 'metadata.json').toString('utf8')) as { type: string; label: string };
    expect(metadata.type).toBe(kind);
    expect(metadata.label).toMatch(/^xborder_\d+\.\d+\.\d+-[0-9a-f]{12}$/);
    const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(packageId).toBe(`${metadata.label}:${digest}`);
  });

  it('puts the compiled chaincode and its start script into the node package', () => {
    const code = fileInTarGz(packages.node.file, 'code.tar.gz');
    const manifest = JSON.parse(fileInTarGz(code, 'src/package.json').toString('utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(manifest.scripts.start).toBe('fabric-chaincode-node start');
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['fabric-contract-api', 'fabric-shim']));
    expect(fileInTarGz(code, 'src/dist/index.js').toString('utf8')).toContain('contracts');
  });

  it('bundles the shared model, which no registry serves, so that the peer installs nothing it cannot find', () => {
    const code = fileInTarGz(packages.node.file, 'code.tar.gz');
    const manifest = JSON.parse(fileInTarGz(code, 'src/package.json').toString('utf8')) as { dependencies: Record<string, string>; bundleDependencies: string[] };
    expect(manifest.dependencies['@xborder/model']).toBeDefined();
    expect(manifest.bundleDependencies).toEqual(['@xborder/model']);
    const model = JSON.parse(fileInTarGz(code, 'src/node_modules/@xborder/model/package.json').toString('utf8')) as { name: string; dependencies?: object };
    expect(model).toMatchObject({ name: '@xborder/model' });
    expect(model.dependencies).toBeUndefined();
    expect(fileInTarGz(code, 'src/node_modules/@xborder/model/dist/errors.js').toString('utf8')).toContain('ErrorCodes');
  });

  it('makes the ccaas package a TLS connection template', () => {
    const code = fileInTarGz(packages.ccaas.file, 'code.tar.gz');
    const connection = JSON.parse(fileInTarGz(code, 'connection.json').toString('utf8')) as Record<string, unknown>;
    expect(connection).toMatchObject({ address: '{{.address}}', tls_required: true, root_cert: '{{.root_cert}}' });
  });

  it('is reproducible: packaging again gives the same package ids', async () => {
    const again = JSON.parse(await networkScript('package', outDir)) as Packages;
    expect(again.node.packageId).toBe(packages.node.packageId);
    expect(again.ccaas.packageId).toBe(packages.ccaas.packageId);
  });
});
