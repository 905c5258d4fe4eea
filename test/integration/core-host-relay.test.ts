import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ApiEventMessage } from '../../src-main/api/events'
import type { TaskSummary } from '../../src-main/api/dto'
import {
  CoreStartupError,
  createCoreRelay,
  type CoreRelay,
  type CrashReport,
  type SecretSealer,
} from '../../src-main/electron/core-relay'
import type { HostReady, HostStartConfig } from '../../src-main/electron/host-protocol'
import { repoRoot } from '../helpers/core-harness'
import { forkHost } from '../helpers/host-process'
import { makeTempDir } from '../helpers/temp-dir'

const STUB_HOST = join(repoRoot, 'test', 'helpers', 'stub-core-host.ts')

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function hostConfig(dataDir: string, logDir: string): HostStartConfig {
  return {
    dataDir,
    logDir,
    resourcesDir: join(repoRoot, 'resources'),
    workerDir: join(repoRoot, 'src-worker'),
    workerExecArgv: ['--import', 'tsx'],
    appVersion: '9.9.9-test',
    maxThreads: 1,
    seedDemo: false,
  }
}

/** A relay over real core hosts forked from the TypeScript source, with its crashes recorded. */
function startRelay(extra: { secrets?: SecretSealer; config?: Partial<HostStartConfig> } = {}) {
  const temp = makeTempDir()
  const dataDir = join(temp.dir, 'data')
  const logDir = join(temp.dir, 'logs')
  const pids: (number | undefined)[] = []
  const crashes: CrashReport[] = []
  const restarted: HostReady[] = []
  let onRestart: (ready: HostReady) => void = () => {}
  const relay = createCoreRelay({
    spawn: () => {
      const host = forkHost()
      pids.push(host.pid)
      return host
    },
    config: () => ({ ...hostConfig(dataDir, logDir), ...extra.config }),
    ...(extra.secrets ? { secrets: extra.secrets } : {}),
    onCrash: (report) => crashes.push(report),
    onRestarted: (ready) => {
      restarted.push(ready)
      onRestart(ready)
    },
  })
  cleanups.push(async () => {
    await relay.close()
    temp.cleanup()
  })
  const nextRestart = () => new Promise<HostReady>((resolve) => (onRestart = resolve))
  return { relay, dataDir, logDir, pids, crashes, restarted, nextRestart }
}

async function call<T>(relay: CoreRelay, method: string, params: unknown): Promise<T> {
  const outcome = await relay.call(method, params)
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`)
  return outcome.result as T
}

const FINAL = ['SUCCESS', 'FAILURE', 'ABORTED', 'INTERRUPTED']

/** Records `task.updated` events from the moment it is made, so a fast task is never missed. */
function taskEvents(relay: CoreRelay) {
  const finished = new Map<string, TaskSummary>()
  const waiters = new Map<string, (task: TaskSummary) => void>()
  relay.subscribe((message: ApiEventMessage) => {
    if (message.event !== 'task.updated' || !FINAL.includes(message.payload.status)) return
    finished.set(message.payload.id, message.payload)
    waiters.get(message.payload.id)?.(message.payload)
  })
  return (taskId: string): Promise<TaskSummary> =>
    new Promise((resolve) => {
      const done = finished.get(taskId)
      if (done) resolve(done)
      else waiters.set(taskId, resolve)
    })
}

describe('core host in its own process, behind the relay', () => {
  it('answers calls through the relay and pushes task events back', async () => {
    const { relay, dataDir, logDir } = startRelay()
    const ready = await relay.start()
    expect(ready.databaseFile).toBe(join(dataDir, 'workspace.sqlite'))
    expect(ready.logFile).toBe(join(logDir, 'core.log'))
    expect(ready.pid).not.toBe(process.pid)

    const info = await call<{ host: string; dataDir: string; appVersion: string }>(
      relay,
      'system.info',
      {},
    )
    expect(info).toMatchObject({ host: 'electron', dataDir, appVersion: '9.9.9-test' })

    const bad = await relay.call('datasets.get', { id: 'nope' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    const finishedTask = taskEvents(relay)
    const { taskId } = await call<{ taskId: string }>(relay, 'system.startSelfTest', {
      steps: 3,
      stepMs: 0,
    })
    const finished = await finishedTask(taskId)
    expect(finished.status).toBe('SUCCESS')
    expect(readFileSync(join(logDir, 'core.log'), 'utf8')).toContain('Core host starting')
  })

  it('imports a file by its path (no upload, no size cap on the way) and reports the task', async () => {
    const { relay, dataDir } = startRelay()
    await relay.start()
    const file = join(dataDir, '..', 'posts.jsonl')
    const rows = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ text: `post ${i} 第${i}篇`, label: [i % 2 ? 'even' : 'odd'] }),
    )
    writeFileSync(file, rows.join('\n'))

    const preview = await call<{ format: string }>(relay, 'datasets.previewImport', {
      source: { path: file },
    })
    expect(preview.format).toBe('doccano-jsonl')
    const finishedTask = taskEvents(relay)
    const { taskId } = await call<{ taskId: string }>(relay, 'datasets.startImport', {
      target: { newDataset: { name: 'By path' } },
      source: { path: file },
    })
    const task = await finishedTask(taskId)
    expect(task.status).toBe('SUCCESS')
    const list = await call<{ name: string; documentCount: number }[]>(relay, 'datasets.list', {})
    expect(list.find((d) => d.name === 'By path')?.documentCount).toBe(3000)
  })

  it('sends safeStorage seal/open requests to the main side and stores only what it sealed', async () => {
    const asked: string[] = []
    const secrets: SecretSealer = {
      scheme: 'electron-safe-storage',
      seal: (plain) => {
        asked.push(`seal:${plain}`)
        return Buffer.from(`sealed(${plain})`).toString('base64')
      },
      open: (sealed) => {
        asked.push(`open:${sealed}`)
        return /^sealed\((.*)\)$/.exec(Buffer.from(sealed, 'base64').toString())?.[1] ?? ''
      },
    }
    const { relay, dataDir } = startRelay({ secrets, config: { secretScheme: secrets.scheme } })
    await relay.start()
    const saved = await call<{ id: string; passwordSource: string }>(relay, 'connections.save', {
      name: 'warehouse',
      host: '127.0.0.1',
      port: 1,
      user: 'reader',
      password: 's3cret pass',
    })
    expect(saved.passwordSource).toBe('stored')
    expect(asked).toEqual(['seal:s3cret pass'])

    const db = new Database(join(dataDir, 'workspace.sqlite'), { readonly: true })
    const row = db
      .prepare('SELECT password_sealed AS sealed, password_scheme AS scheme FROM connections')
      .get() as { sealed: string; scheme: string }
    db.close()
    expect(row).toEqual({
      sealed: Buffer.from('sealed(s3cret pass)').toString('base64'),
      scheme: 'electron-safe-storage',
    })

    // Connecting opens the password first (port 1 then refuses the connection).
    const tested = await relay.call('connections.test', { id: saved.id })
    expect(tested.ok).toBe(false)
    expect(asked).toEqual(['seal:s3cret pass', `open:${row.sealed}`])
  })

  it('reports a killed host, restarts it on the same workspace and answers again', async () => {
    const { relay, dataDir, crashes, nextRestart } = startRelay()
    const first = await relay.start()
    await call(relay, 'datasets.create', { name: 'Survives a crash' })

    const restarted = nextRestart()
    process.kill(first.pid, 'SIGKILL')
    const second = await restarted
    expect(second.pid).not.toBe(first.pid)
    expect(crashes).toEqual([{ exitCode: null, crashes: 1, restarting: true }])

    const info = await call<{ dataDir: string }>(relay, 'system.info', {})
    expect(info.dataDir).toBe(dataDir)
    const names = (await call<{ name: string }[]>(relay, 'datasets.list', {})).map((d) => d.name)
    expect(names).toContain('Survives a crash')
  })

  it('fails a call in flight when its host dies, instead of leaving it pending', async () => {
    const crashes: CrashReport[] = []
    let restarted: (ready: HostReady) => void = () => {}
    const restartedReady = new Promise<HostReady>((resolve) => (restarted = resolve))
    const pids: (number | undefined)[] = []
    const relay = createCoreRelay({
      spawn: () => {
        const host = forkHost(STUB_HOST, ['silent'])
        pids.push(host.pid)
        return host
      },
      config: () => hostConfig('/nonexistent', '/nonexistent'),
      onCrash: (report) => crashes.push(report),
      onRestarted: (ready) => restarted(ready),
    })
    cleanups.push(() => relay.kill())
    const ready = await relay.start()
    const inFlight = relay.call('system.info', {})
    process.kill(ready.pid, 'SIGKILL')
    expect(await inFlight).toEqual({
      ok: false,
      error: {
        code: 'UNAVAILABLE',
        message:
          'The core process stopped unexpectedly (exit code null) and is being restarted; try again.',
      },
    })
    expect(crashes).toEqual([{ exitCode: null, crashes: 1, restarting: true }])
    expect((await restartedReady).pid).toBe(pids[1])
  })

  it('gives up after three crashes in a row at start, and says so', async () => {
    const crashes: CrashReport[] = []
    const relay = createCoreRelay({
      spawn: () => forkHost(STUB_HOST, ['exit-on-start']),
      config: () => hostConfig('/nonexistent', '/nonexistent'),
      onCrash: (report) => crashes.push(report),
    })
    await expect(relay.start()).rejects.toThrow(/exited with code 3 3 times in a row/)
    expect(crashes.map((c) => [c.exitCode, c.crashes, c.restarting])).toEqual([
      [3, 1, true],
      [3, 2, true],
      [3, 3, false],
    ])
    expect(relay.state).toBe('stopped')
    expect(await relay.call('system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    })
  })

  it('names a damaged workspace and its fix, then starts fresh keeping the old file', async () => {
    const { relay, dataDir, logDir, crashes } = startRelay()
    const damaged = Buffer.from('this is not a SQLite database, it was damaged by a bad disk\n')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'workspace.sqlite'), damaged)

    const failure = await relay.start().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(CoreStartupError)
    const problem = (failure as CoreStartupError).problem
    expect(problem).toMatchObject({
      kind: 'damaged-workspace',
      canStartFresh: true,
      databaseFile: join(dataDir, 'workspace.sqlite'),
      logFile: join(logDir, 'core.log'),
    })
    expect(problem.fix).toMatch(/fresh workspace.*never deleted/)
    expect(readFileSync(join(logDir, 'core.log'), 'utf8')).toContain('file is not a database')
    expect(await relay.call('system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('is damaged') },
    })

    const ready = await relay.restart({ setAsideWorkspace: true })
    expect(ready.setAside).toMatch(/workspace\.damaged-\d{8}-\d{6}\.sqlite$/)
    expect(readFileSync(ready.setAside!)).toEqual(damaged)
    expect(existsSync(join(dataDir, 'workspace.sqlite'))).toBe(true)
    expect(readdirSync(dataDir).filter((f) => f.includes('damaged'))).toHaveLength(1)
    await call(relay, 'system.info', {})
    expect(crashes).toEqual([])
  })
})
