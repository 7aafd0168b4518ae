#!/usr/bin/env node
// `npm start`: the Electron desk where its binary exists; web mode (same UI, same API) where not.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron'); // the binary's path; throws when the download was skipped
} catch {
  electronBinary = undefined;
}
const args = process.argv.slice(2);
const child = electronBinary
  ? spawn(electronBinary, [root, ...args], { stdio: 'inherit' })
  : (console.log('Electron binary not installed here (download skipped); starting web mode with the demo case instead.'),
    spawn(process.execPath, [fileURLToPath(new URL('origindesk.mjs', import.meta.url)), 'web', '--demo', '--open-hint', ...args], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
