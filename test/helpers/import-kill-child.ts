// Child process for the killed-import test: imports a file into a dataset, holds the import after
// its first written chunk (the rows are in the workspace, still invisible), says so, waits to be killed.
import { createApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { testCoreConfig } from './core-harness'

const [dataDir, file, datasetId] = process.argv.slice(2)
if (!dataDir || !file || !datasetId) throw new Error('usage: import-kill-child <dir> <file> <id>')
const core = await createCore(
  testCoreConfig(dataDir, {
    seedDemo: false,
    testGates: {
      importChunk: (taskId) => {
        process.stdout.write(`held ${taskId}\n`)
        return new Promise(() => {})
      },
    },
  }),
)
await createApiClient(memoryTransport(core)).call('datasets.startImport', {
  target: { datasetId },
  source: { path: file },
})
setInterval(() => {}, 1000)
