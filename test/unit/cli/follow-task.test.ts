import { describe, expect, it } from 'vitest'
import type { TaskProgress, TaskSummary } from '../../../src-main/api/contract/tasks'
import {
  PLAIN_PROGRESS_EVERY_MS,
  endedError,
  formatDuration,
  progressLine,
  progressView,
} from '../../../src-main/cli/follow-task'
import { EXIT, type CliIo } from '../../../src-main/cli/io'

function fakeIo(mode: { json?: boolean; errTty?: boolean }) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    out: (t) => void out.push(t + '\n'),
    err: (t) => void err.push(t + '\n'),
    errRaw: (t) => void err.push(t),
    json: mode.json === true,
    tty: false,
    errTty: mode.errTty === true,
  }
  return { io, out, err }
}

const task = (progress: TaskProgress | null): TaskSummary =>
  ({ id: 'a'.repeat(32), status: 'RUNNING', progress }) as TaskSummary

describe('CLI progress', () => {
  it('formats a line with bar, percent, rows, rate and ETA', () => {
    const line = progressLine({ done: 12_345, total: 50_000, rate: 4321.6, etaMs: 8_700 })
    expect(line).toBe('[######..................]  24%  12,345/50,000 rows  4,322 rows/s  ETA 9 s')
    expect(progressLine({ done: 7 }, '')).toBe('7')
    expect(
      progressLine({ done: 10, total: 10, ratio: 1, message: 'building the author panel' }),
    ).toBe('[########################] 100%  10/10 rows  building the author panel')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
    expect(formatDuration(7_500_000)).toBe('2 h 05 min')
  })

  it('redraws one line on a terminal and ends it once', () => {
    const { io, err, out } = fakeIo({ errTty: true })
    const view = progressView(io, 'rows')
    view.update(task({ done: 1, total: 4 }))
    view.update(task(null))
    view.update(task({ done: 2, total: 4 }))
    view.end()
    view.end()
    expect(out).toEqual([])
    expect(err).toEqual([
      '\r[######..................]  25%  1/4 rows\x1b[K',
      '\r[############............]  50%  2/4 rows\x1b[K',
      '\n',
    ])
  })

  it('prints plain lines at most every few seconds when stderr is not a terminal', () => {
    const { io, err } = fakeIo({})
    let now = 1000
    const view = progressView(io, 'rows', () => now)
    view.update(task({ done: 1 }))
    now += PLAIN_PROGRESS_EVERY_MS - 1
    view.update(task({ done: 2 }))
    now += 1
    view.update(task({ done: 3 }))
    view.end()
    expect(err).toEqual(['1 rows\n', '3 rows\n'])
  })

  it('prints one JSON line per progress event with --json', () => {
    const { io, err, out } = fakeIo({ json: true, errTty: true })
    const view = progressView(io, 'rows')
    view.update(task({ done: 5, total: 10 }))
    view.end()
    expect(err).toEqual([])
    expect(out.map((l) => JSON.parse(l) as unknown)).toEqual([
      { taskId: 'a'.repeat(32), status: 'RUNNING', progress: { done: 5, total: 10 } },
    ])
  })

  it('offers to resume only a task that can be resumed', () => {
    const ended = (over: Partial<TaskSummary>, interrupted: boolean) =>
      endedError(
        { ...task(null), ...over },
        {
          requested: interrupted,
          onFirst: () => {},
          dispose: () => {},
        },
      )
    expect(ended({ status: 'SUCCESS' }, false)).toBeNull()
    expect(ended({ status: 'ABORTED', resumable: true }, true)?.message).toMatch(
      /^Aborted\. Resume with: audience tasks resume a{32}$/,
    )
    const aborted = ended({ status: 'ABORTED', resumable: false }, true)
    expect(aborted).toMatchObject({ message: 'Aborted; nothing was kept.' })
    expect(aborted?.exitCode).toBe(EXIT.interrupted)
    const error = { code: 'VALIDATION' as const, message: 'No row to review.' }
    const failed = ended({ status: 'FAILURE', resumable: false, error }, false)
    expect(failed).toMatchObject({ message: 'VALIDATION: No row to review.' })
    expect(failed?.exitCode).toBe(EXIT.usage)
  })
})
