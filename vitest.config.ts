import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** The renderer's import alias for the contract (tsconfig.base.json paths, electron.vite.config.ts). */
const alias = { '@api': resolve(import.meta.dirname, 'src-main/api') }

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A poll waits for the app to get somewhere (a retrain, a task's end); how long that takes
          // depends on the machine, so the ceiling is generous and a test fails only if it never does.
          expect: { poll: { timeout: 30_000 } },
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
})
