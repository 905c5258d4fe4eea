// Child process for the killed-import test: imports a file into a dataset, holds the import after
// its first written chunk (the rows are in the workspace, still invisible), says so, waits to be killed.
import { createApiClient } from '../../src-main/api/client'
import { createCore } from '../../src-main/core/create-core'
import { memoryTransport } from '../../src-main/core/memory-transport'
import { testCoreConfig } from './core-harness'

const [dataDir, file, datasetId] = process.argv.slice(2)
let reached: () => void = () => {}
const held = new Promise<void>((resolve) => (reached = resolve))
if (!dataDir || !file || !datasetId) throw new Error('usage: import-kill-child <dir> <file> <id>')
const core = await createCore(
  testCoreConfig(dataDir, {
    seedDemo: false,
    testGates: {
      importWrite: () => {
        reached()
        return new Promise(() => {})
      },
    },
  }),
)
const { taskId } = await createApiClient(memoryTransport(core)).call('datasets.startImport', {
  target: { datasetId },
  source: { path: file },
})
await held
process.stdout.write(`held ${taskId}\n`)
setInterval(() => {}, 1000)
