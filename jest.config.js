// Two projects: `unit` runs in seconds with no network; `integration` drives the
// real Fabric network started by network/network.sh and must run in band.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
// gateway-client is ESM (imports end in .js); it and the chaincode import the
// shared model by package name; tests run all of them from their TypeScript sources.
const moduleNameMapper = {
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@xborder/model/(.*)$': '<rootDir>/model/src/$1',
  '^@xborder/gateway-client$': '<rootDir>/gateway-client/src/index.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  collectCoverageFrom: ['model/src/**/*.ts', 'chaincode/src/**/*.ts', 'gateway-client/src/**/*.ts'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/dispose-symbols.ts', '<rootDir>/test/unit/setup.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/dispose-symbols.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/integration/support/setup.ts'],
      globalSetup: '<rootDir>/test/integration/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/support/global-teardown.ts',
    },
  ],
};
