#!/usr/bin/env node
// Entry point: load TypeScript sources through tsx so the CLI needs no separate compile step.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
