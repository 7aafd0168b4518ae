/** Locations inside the installed app (repo checkout or packaged resources). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository / app root: the nearest folder above this module holding package.json. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('cannot find the OriginDesk root (package.json)');
    dir = up;
  }
  return dir;
}

export const rendererDir = () => join(appRoot(), 'out', 'renderer');
export const demoAssetsDir = () => join(appRoot(), 'assets', 'demo');
