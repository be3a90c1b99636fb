// One esbuild setup for Node bundles: the CLI (scripts/build-cli.mjs) and the forecast benchmark's
// child process, so the benchmark times the same compiled code `salesbloom` runs. Packages stay
// external; dynamic imports become chunks.
import { build } from 'esbuild';

/** Bundles entry points (ESM, Node 20) into outdir. */
export async function bundleForNode(entryPoints, outdir) {
  await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir,
    logLevel: 'warning',
  });
}
