#!/usr/bin/env node
// Entry point. `npm run build` bundles the CLI into dist/cli/ (fast start); while that bundle is
// newer than every source file it runs, otherwise the TypeScript sources run through tsx, so an
// edit is never hidden behind a stale bundle. SALESBLOOM_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** The latest modification time of a .ts file under dir. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const useBundle = process.env.SALESBLOOM_FROM_SOURCE !== '1' && existsSync(bundle) && statSync(bundle).mtimeMs >= newest(sources);
let main;
if (useBundle) ({ main } = await import(bundle));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
