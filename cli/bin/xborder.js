#!/usr/bin/env node
// The `xborder` command. This launcher is committed rather than built so that npm
// can link it when it installs the workspace, before `npm run build` makes dist/.
try {
  await import('../dist/main.js');
} catch (err) {
  if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    console.error('xborder: the CLI is not built yet; run `npm run build` first');
    process.exit(1);
  }
  throw err;
}
