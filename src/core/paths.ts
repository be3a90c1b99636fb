// Where the project's own files are (migrations, the built web app), whether this code runs from
// src/ through tsx or bundled into dist/cli/ by `npm run build`: the nearest package.json named
// salesbloom above this module.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'salesbloom') return dir;
    if (dirname(dir) === dir) throw new Error(`no salesbloom package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
