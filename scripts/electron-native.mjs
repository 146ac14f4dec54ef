// postinstall: prepare the Electron build of better-sqlite3 so `npm start` works right after
// `npm install`. Where Electron cannot be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, as on our
// build machines) it skips, and install still succeeds; `npm start` retries then.
import { buildElectronBinding } from './lib/electron-native.mjs';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('portdesk: ELECTRON_SKIP_BINARY_DOWNLOAD is set: skipping the Electron build of better-sqlite3 (tests, CLI and `npm run host` do not need it).');
} else {
  const error = buildElectronBinding();
  if (error) console.warn(`portdesk: ${error}; \`npm start\` will try again.`);
}
