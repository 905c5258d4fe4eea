import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createApiClient } from '../src-main/api/client'
import { createCore } from '../src-main/core/create-core'
import { memoryTransport } from '../src-main/core/memory-transport'
import { writeImportCsv } from './import-corpus'
import { bareInsert } from './import-scenario'
const DOCS = Number(process.env.DOCS ?? 300_000)
const root = process.cwd()
const dataDir = mkdtempSync(join(tmpdir(), 'imp-'))
const file = join(dataDir, 'bench.csv')
console.log('rss start', Math.round(process.memoryUsage.rss() / 1e6))
await writeImportCsv(file, DOCS)
console.log('rss after csv', Math.round(process.memoryUsage.rss() / 1e6), JSON.stringify(process.memoryUsage()))
const core = await createCore({ dataDir, resourcesDir: join(root, 'resources'), workerDir: join(root, 'out', 'main'), seedDemo: false })
const api = createApiClient(memoryTransport(core))
console.log('rss after core', Math.round(process.memoryUsage.rss() / 1e6), JSON.stringify(process.memoryUsage()))
console.log('rss before', Math.round(process.memoryUsage.rss() / 1e6))
let peak = 0
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50)
const cpu0 = process.cpuUsage()
const start = performance.now()
const { taskId } = await api.call('datasets.startImport', { target: { newDataset: { name: 'b' } }, source: { path: file } })
const t = await core.tasks.settled(taskId)
const ms = performance.now() - start
const c = process.cpuUsage(cpu0)
console.log('cpu s', ((c.user + c.system) / 1e6).toFixed(1), 'cpu µs/doc', ((c.user + c.system) / DOCS).toFixed(1))
clearInterval(sampler)
console.log('peak rss', Math.round(peak / 1e6))
console.log(t.status, 'docs/s', Math.round(DOCS / (ms / 1000)), 'rss', Math.round(process.memoryUsage.rss() / 1e6))
if (process.env.BARE) { const cb = process.cpuUsage(); const b = await bareInsert(file, dataDir); const cc = process.cpuUsage(cb); console.log('bare rows/s', Math.round(b.rows / (b.ms / 1000)), 'bare cpu µs/doc incl. read', ((cc.user + cc.system) / DOCS).toFixed(1)) }
process.exit(0)
