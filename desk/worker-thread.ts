/**
 * Starts a worker thread from a module path: TypeScript sources in development and tests (tsx is
 * registered inside the thread first), the bundled JavaScript in the packaged app.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const require_ = createRequire(import.meta.url);
/** The ESM entry of tsx's API (require.resolve would give its CommonJS twin). */
const tsxEsmApi = () => join(dirname(require_.resolve('tsx/package.json')), 'dist/esm/api/index.mjs');

export function startWorker(file: string, resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 4096 }): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { resourceLimits });
  return new Worker(
    `import(${JSON.stringify(pathToFileURL(tsxEsmApi()).href)})
       .then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
    { eval: true, resourceLimits },
  );
}

/** A worker script beside `moduleUrl`: its .ts source when present (development), else the bundled .js. */
export function workerBeside(moduleUrl: string, name: string): string {
  const here = fileURLToPath(moduleUrl);
  const ts = join(dirname(here), `${name}.ts`);
  return existsSync(ts) ? ts : join(dirname(here), `${name}.js`);
}
