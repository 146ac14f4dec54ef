import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Start the worker module `name` that sits beside the calling module. From a build it is the
 * emitted `name.js` (an entry in electron.vite.config.ts). From TypeScript sources (tsx in dev,
 * vitest) it is `name.ts`, loaded through tsx's `tsImport` in a small bootstrap: on Node 20
 * `execArgv: ['--import', 'tsx']` does not give a worker thread the loader ("Unknown file
 * extension .ts"), the bootstrap does.
 */
export function startSiblingWorker(callerUrl: string, name: string, options: WorkerOptions): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsxApi = pathToFileURL(createRequire(callerUrl).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(callerUrl)}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
