import { describe, expect, it } from 'vitest'
import type { TaskSummary } from '../../../../../src-main/api/dto'
import { mergeTasks, newerSnapshot } from '../../../../../src-renderer/src/stores/tasks/merge'

const task = (patch: Partial<TaskSummary> & { id: string }): TaskSummary => ({
  kind: 'system.selftest',
  title: 'Self-test',
  status: 'RUNNING',
  progress: null,
  error: null,
  createdAt: 1,
  startedAt: 10,
  finishedAt: null,
  peakRssBytes: null,
  resumable: false,
  ...patch,
})

describe('newerSnapshot', () => {
  it('keeps the snapshot with more progress, and a finished one over a running one', () => {
    const early = task({ id: 'a', progress: { done: 2, total: 10 } })
    const later = task({ id: 'a', progress: { done: 5, total: 10 } })
    const done = task({
      id: 'a',
      status: 'SUCCESS',
      finishedAt: 20,
      progress: { done: 10, total: 10 },
    })
    expect(newerSnapshot(early, later)).toBe(later)
    expect(newerSnapshot(later, early)).toBe(later)
    expect(newerSnapshot(done, later)).toBe(done)
    expect(newerSnapshot(later, done)).toBe(done)
  })

  it('prefers a resumed run over the finished one it continues', () => {
    const aborted = task({ id: 'a', status: 'ABORTED', finishedAt: 20 })
    const resumed = task({ id: 'a', status: 'RUNNING', startedAt: 30 })
    expect(newerSnapshot(aborted, resumed)).toBe(resumed)
  })
})

describe('mergeTasks', () => {
  it('upserts by id and sorts newest first', () => {
    const a = task({ id: 'a', createdAt: 1 })
    const b = task({ id: 'b', createdAt: 2 })
    const a2 = task({ id: 'a', createdAt: 1, status: 'SUCCESS', finishedAt: 5 })
    expect(mergeTasks([a], [b, a2]).map((t) => [t.id, t.status])).toEqual([
      ['b', 'RUNNING'],
      ['a', 'SUCCESS'],
    ])
  })

  it('does not let a stale list answer undo a live event', () => {
    const live = task({ id: 'a', status: 'ABORTED', finishedAt: 9 })
    const stale = task({ id: 'a', status: 'RUNNING' })
    expect(mergeTasks([live], [stale])[0]?.status).toBe('ABORTED')
  })
})
