import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './src/main/shell/csp';

/**
 * The built renderer carries the production CSP as a meta tag (file:// pages get no response
 * headers in Electron). Dev builds skip it: the dev server's refresh preamble is inline, and the
 * main process then sets the dev policy as a header instead.
 */
function cspMeta(): Plugin {
  return {
    name: 'portdesk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() }, injectTo: 'head-prepend' }],
  };
}

/**
 * Main's and the preload's bundles as ASCII: one character past it (a "…" in a message, a "–" in
 * a comment) makes Node decode the whole bundle (415 KB for main) into a two-byte string, which V8
 * then hashes and compiles from twice the memory. Each such character is written as the escape
 * JavaScript reads back as the same character, in strings, template literals, regular expressions
 * and comments alike (the CLI's bundles are ASCII the same way, by esbuild).
 */
function asciiOutput(): Plugin {
  return {
    name: 'portdesk-ascii-output',
    // After every chunk is rendered: Vite's own esbuild pass writes such characters back as they are.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk') chunk.code = chunk.code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [asciiOutput()],
    build: {
      rollupOptions: {
        // The import worker is its own entry: runWorker starts ./worker.js beside the main bundle.
        // So is the attachment inspection worker (./inspectWorker.js, see src/main/documents/index.ts).
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          worker: resolve(__dirname, 'src/main/import/worker.ts'),
          inspectWorker: resolve(__dirname, 'src/main/documents/inspectWorker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [asciiOutput()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules: one CommonJS file that requires only electron.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), cspMeta()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
