#!/usr/bin/env node
// The `origindesk` command: runs the TypeScript desk through tsx (no separate compile step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../desk/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
