#!/usr/bin/env node
// Bundles the CLI (src/cli/main.ts and everything it imports) into dist/cli/ with esbuild, so
// `salesbloom` starts without compiling TypeScript on every run (~4× less start-up CPU). Packages
// stay external; dynamic imports become chunks, so `serve` alone loads Fastify (the options are in
// scripts/bundle.mjs). bin/salesbloom.js uses the bundle only while it is newer than every source
// file, else it runs src/ through tsx.
import { rmSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleForNode } from './bundle.mjs';

const outdir = 'dist/cli';
rmSync(outdir, { recursive: true, force: true });
await bundleForNode(['src/cli/main.ts'], outdir);
const bytes = readdirSync(outdir).reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0);
console.log(`CLI bundle: ${outdir}/ ${(bytes / 1024).toFixed(0)} KiB`);
