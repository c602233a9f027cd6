// Lets plain Node require the repository's TypeScript sources (chaincode/src, model/src,
// test/support) in place, the way the unit tests' ts-jest sees them: compiled by the
// project's own TypeScript with tsconfig.base.json (decorator metadata included, which
// fabric-contract-api reads), and `@xborder/model/*` resolved to model/src as jest.config.js
// maps it. Nothing is written to disk. Loaded by bench/micro/run.mjs before the harness.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const ts = require('typescript');

const REPO = path.resolve(__dirname, '..', '..');

function compilerOptions() {
  const file = path.join(REPO, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) {
    throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  }
  const { options, errors } = ts.convertCompilerOptionsFromJson(config.compilerOptions, REPO, file);
  if (errors.length > 0) {
    throw new Error(`${file}: ${errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('; ')}`);
  }
  return {
    ...options,
    module: ts.ModuleKind.CommonJS,
    declaration: false,
    sourceMap: false,
    // Stack traces point into the .ts files when Node runs with --enable-source-maps.
    inlineSourceMap: true,
    inlineSources: false,
  };
}

const options = compilerOptions();

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false });
  module._compile(outputText, filename);
};

// jest.config.js's moduleNameMapper for the model: its JSON schemas are a build product in
// dist, everything else is read from the sources.
const MODEL_SOURCES = path.join(REPO, 'model', 'src');
const RESULT_SCHEMAS = path.join(REPO, 'model', 'dist', 'result-schemas.json');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveModelFromSources(request, ...rest) {
  if (request === '@xborder/model/result-schemas.json') {
    return RESULT_SCHEMAS;
  }
  if (request.startsWith('@xborder/model/')) {
    return resolveFilename.call(this, path.join(MODEL_SOURCES, `${request.slice('@xborder/model/'.length)}.ts`), ...rest);
  }
  return resolveFilename.call(this, request, ...rest);
};
