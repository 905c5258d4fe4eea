import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const root = import.meta.dirname

/**
 * One build for every Node-side entry: the Electron main process, the headless bridge, the CLI and the
 * Piscina workers all live in out/main so that workers resolve next to the code that starts them.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          main: resolve(root, 'src-main/electron/main.ts'),
          'core-host': resolve(root, 'src-main/electron/core-host.ts'),
          serve: resolve(root, 'src-main/bridge/serve.ts'),
          cli: resolve(root, 'src-main/cli/main.ts'),
          'selftest.worker': resolve(root, 'src-worker/selftest.worker.ts'),
          'train.worker': resolve(root, 'src-worker/train.worker.ts'),
          'linear-solve.worker': resolve(root, 'src-worker/linear-solve.worker.ts'),
          'predict.worker': resolve(root, 'src-worker/predict.worker.ts'),
          'modeling.worker': resolve(root, 'src-worker/modeling.worker.ts'),
          'file-jobs.worker': resolve(root, 'src-worker/file-jobs.worker.ts'),
          'output-finish.worker': resolve(
            root,
            'src-main/core/predicting/sinks/output-finish.worker.ts',
          ),
          'import-read.worker': resolve(root, 'src-main/core/datasets/import-read.worker.ts'),
          'import-write.worker': resolve(root, 'src-main/core/datasets/import-write.worker.ts'),
          'search-index.worker': resolve(root, 'src-main/core/datasets/search-index.worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    resolve: { alias: { '@api': resolve(root, 'src-main/api') } },
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
})
