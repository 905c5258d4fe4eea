import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { repoRoot, startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { importInto, runImport, writeFixture } from './datasets-harness'

let h: Awaited<ReturnType<typeof startTestCore>> | undefined
const cleanups: (() => void)[] = []
afterEach(async () => {
  await h?.close()
  h = undefined
  cleanups.splice(0).forEach((cleanup) => cleanup())
})

/**
 * A worker folder whose import writer is the real one, except that its thread exits (as a crash
 * would) right after writing its second chunk: rows are in the workspace, uncommitted.
 */
function dyingWriterDir(): string {
  // Inside the repository, so the wrapper resolves tsx from its node_modules.
  const parent = join(repoRoot, 'node_modules', '.cache')
  mkdirSync(parent, { recursive: true })
  const workers = mkdtempSync(join(parent, 'dying-writer-'))
  cleanups.push(() => rmSync(workers, { recursive: true, force: true }))
  const real = pathToFileURL(join(repoRoot, 'src-main/core/datasets/import-write.worker.ts')).href
  writeFileSync(
    join(workers, 'import-write.worker.js'),
    `import { parentPort } from 'node:worker_threads'
const { register } = await import('tsx/esm/api')
register()
const post = parentPort.postMessage.bind(parentPort)
parentPort.postMessage = (m) => {
  if (m && m.type === 'chunk' && m.chunk === 1) process.exit(1)
  return post(m)
}
await import(${JSON.stringify(real)})
`,
  )
  return workers
}

/**
 * A worker folder whose import reader is the real one, except that its thread exits (as a crash
 * would) when about to send its third batch; the writer thread is the real one (its source).
 */
function dyingReaderDir(): string {
  const parent = join(repoRoot, 'node_modules', '.cache')
  mkdirSync(parent, { recursive: true })
  const workers = mkdtempSync(join(parent, 'dying-reader-'))
  cleanups.push(() => rmSync(workers, { recursive: true, force: true }))
  const real = pathToFileURL(join(repoRoot, 'src-main/core/datasets/import-read.worker.ts')).href
  writeFileSync(
    join(workers, 'import-read.worker.js'),
    `import { MessagePort } from 'node:worker_threads'
const { register } = await import('tsx/esm/api')
register()
const post = MessagePort.prototype.postMessage
let batches = 0
MessagePort.prototype.postMessage = function (m, transfer) {
  if (m && m.type === 'batch' && ++batches === 3) process.exit(1)
  return post.call(this, m, transfer)
}
await import(${JSON.stringify(real)})
`,
  )
  return workers
}

const posts = (rows: number) =>
  [
    'text,label',
    ...Array.from({ length: rows }, (_, i) => `"post ${i} ${'珍奶太甜了 '.repeat(40)}",male`),
  ].join('\n')

describe('an import whose writer thread dies', () => {
  it('fails with a message that says nothing was imported, leaves nothing behind, and the file imports again', async () => {
    const held = createBatchGate()
    h = await startTestCore({
      seedDemo: false,
      workerDir: dyingWriterDir(),
      testGates: { importWrite: held.hook },
    })
    const file = writeFixture(h.dataDir, 'big.csv', posts(20_000))
    held.close(0)
    const running = runImport(h, {
      target: { newDataset: { name: 'big' } },
      source: { path: file },
    })
    await held.reached()
    const written = h.core.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }
    expect(written.n).toBeGreaterThan(0)
    held.open()
    const { task } = await running
    expect(task.status).toBe('FAILURE')
    expect(task.error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/writer thread exited\); nothing was imported/),
    })
    await h.core.background.idle()
    const count = (sql: string) => (h!.core.db.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM documents')).toBe(0)
    expect(count('SELECT count(*) AS n FROM dataset_imports')).toBe(0)
    expect(await h.api.call('datasets.list', {})).toEqual([])

    await h.close()
    h = await startTestCore({ seedDemo: false })
    const again = writeFixture(h.dataDir, 'big.csv', posts(20_000))
    const report = await importInto(h, 'big', again)
    expect(report.imported).toBe(20_000)
  })
})

describe('an import whose reader thread dies', () => {
  it('fails with a message that says nothing was imported and leaves nothing behind', async () => {
    h = await startTestCore({ seedDemo: false, workerDir: dyingReaderDir() })
    const file = writeFixture(h.dataDir, 'big.csv', posts(20_000))
    const { task } = await runImport(h, {
      target: { newDataset: { name: 'big' } },
      source: { path: file },
    })
    expect(task.status).toBe('FAILURE')
    expect(task.error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/reader thread exited\); nothing was imported/),
    })
    await h.core.background.idle()
    const count = (sql: string) => (h!.core.db.prepare(sql).get() as { n: number }).n
    expect(count('SELECT count(*) AS n FROM documents')).toBe(0)
    expect(count('SELECT count(*) AS n FROM dataset_imports')).toBe(0)
    expect(await h.api.call('datasets.list', {})).toEqual([])
  })
})
