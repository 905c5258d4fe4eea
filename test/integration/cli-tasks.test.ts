import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { repoRoot, startTestCore } from '../helpers/core-harness'

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

function audience(dataDir: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'audience.js'), ...args], {
      env: { ...process.env, AUDIENCE_DATA_DIR: dataDir },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('audience tasks (CLI)', () => {
  it('prints help and exits 0; exits 2 on bad usage', async () => {
    harness = await startTestCore()
    const help = await audience(harness.dataDir, '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('tasks')
    const bogus = await audience(harness.dataDir, 'frobnicate')
    expect(bogus.code).toBe(2)
    expect(bogus.stderr).toContain("unknown command 'frobnicate'")
  })

  it('lists the tasks table as JSON, shows one, and reports bad or unknown ids', async () => {
    harness = await startTestCore()
    const { taskId } = await harness.api.call('system.startSelfTest', { steps: 2, stepMs: 0 })
    await harness.core.tasks.settled(taskId)

    const list = await audience(harness.dataDir, 'tasks', 'list', '--json')
    expect(list.code).toBe(0)
    const rows = JSON.parse(list.stdout) as { id: string; status: string; kind: string }[]
    expect(rows).toEqual([
      expect.objectContaining({ id: taskId, status: 'SUCCESS', kind: 'system.selftest' }),
    ])

    const table = await audience(harness.dataDir, 'tasks', 'list')
    expect(table.stdout).toMatch(
      new RegExp(`^ID\\s+KIND\\s+STATUS[\\s\\S]*${taskId}\\s+system.selftest\\s+SUCCESS`),
    )

    const show = await audience(harness.dataDir, '--json', 'tasks', 'show', taskId)
    expect(JSON.parse(show.stdout)).toMatchObject({ id: taskId, stats: { steps: 2 } })

    const bad = await audience(harness.dataDir, 'tasks', 'show', 'xyz')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('expected 32 hex digits, got 3')

    const missing = await audience(harness.dataDir, 'tasks', 'show', 'c'.repeat(32))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('TASK_NOT_FOUND')

    const badStatus = await audience(harness.dataDir, 'tasks', 'list', '--status', 'DONE')
    expect(badStatus.code).toBe(2)
  })

  it('aborts a task that another process (the app) is running', async () => {
    harness = await startTestCore()
    const { taskId } = await harness.api.call('system.startSelfTest', { steps: 2000, stepMs: 50 })
    const aborted = await audience(harness.dataDir, '--json', 'tasks', 'abort', taskId)
    expect(aborted.code).toBe(0)
    expect(JSON.parse(aborted.stdout)).toMatchObject({ id: taskId, status: 'ABORTED' })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('ABORTED')
  })

  it('leaves a task whose heartbeat is old alone while the app runs it, and refuses to resume it', async () => {
    // The app's clock is frozen: every heartbeat it writes is old, yet its process is alive.
    harness = await startTestCore({ tasks: { now: () => 1 } })
    const { taskId } = await harness.api.call('system.startSelfTest', { steps: 2000, stepMs: 50 })
    const list = await audience(harness.dataDir, 'tasks', 'list', '--json')
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ id: taskId, status: 'RUNNING', error: null }),
    ])
    const resume = await audience(harness.dataDir, 'tasks', 'resume', taskId)
    expect(resume.code).toBe(1)
    expect(resume.stderr).toContain(
      `INVALID_STATE: Task ${taskId} is running in process ${process.pid} (started `,
    )
    await harness.api.call('tasks.abort', { id: taskId })
    expect((await harness.core.tasks.settled(taskId)).status).toBe('ABORTED')
  })
})
