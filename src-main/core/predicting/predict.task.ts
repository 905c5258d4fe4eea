import type { PredictStartParams, PredictStats, TableStats } from '../../api/contract/predicting'
import type { TaskKind } from '../tasks/task-registry'
import { emptyCounters, statsOf, type PredictCheckpoint } from './counters'
import { runPipeline } from './pipeline'
import { openPlan, type OpenedPlan, type PlanDeps } from './plan'

export const PREDICT_TASK_KIND = 'predict.run'

const rss = () => process.memoryUsage.rss()

/** The resumable predict task: plan → pipeline → author panel → final stats. */
export function predictTask(
  deps: PlanDeps & { log?: (e: unknown) => void },
): TaskKind<PredictStartParams, PredictCheckpoint, PredictStats> {
  return {
    kind: PREDICT_TASK_KIND,
    resumable: true,
    async run(ctx) {
      const plan = await openPlan(deps, ctx.config, ctx.id)
      try {
        const startedAt = Date.now()
        const start = ctx.checkpoint ?? (await firstCheckpoint(plan))
        const runMs = () => start.runMs + Date.now() - startedAt
        const final = await runPipeline({
          ...plan,
          sources: plan.readers,
          batchSize: ctx.config.batchSize,
          signal: ctx.signal,
          start,
          onRetry: (what, attempt, error) =>
            deps.log?.(new Error(`${what}: retry ${attempt} after ${String(error)}`)),
          committed: (checkpoint, window) => {
            const cp = {
              ...checkpoint,
              runMs: runMs(),
              peakRssBytes: Math.max(checkpoint.peakRssBytes, rss()),
            }
            const stats = statsOf(cp, cp.runMs, window)
            ctx.saveCheckpoint(cp, stats)
            ctx.progress({
              done: cp.counters.received,
              total: cp.estimatedRows,
              message: window,
              data: { ...stats },
            })
          },
        })
        ctx.progress({
          done: final.counters.received,
          total: final.counters.received,
          message: 'building the author panel',
        })
        const finishStarted = Date.now()
        const tables = await finish(plan, ctx.config)
        const finishMs = Date.now() - finishStarted
        const done = { ...final, runMs: runMs(), peakRssBytes: Math.max(final.peakRssBytes, rss()) }
        const uniqueAuthors = tables.reduce((sum, t) => sum + t.uniqueAuthors, 0)
        return { ...statsOf(done, done.runMs), tables, uniqueAuthors, finishMs }
      } finally {
        await plan.close()
      }
    },
  }
}

async function firstCheckpoint(plan: OpenedPlan): Promise<PredictCheckpoint> {
  let estimatedRows = 0
  for (const reader of plan.readers) estimatedRows += await reader.estimate()
  return {
    source: 0,
    after: null,
    counters: emptyCounters(),
    runMs: 0,
    peakRssBytes: rss(),
    estimatedRows,
  }
}

/** The author panel (output side) and the unique authors (source side) are built concurrently. */
async function finish(plan: OpenedPlan, config: PredictStartParams): Promise<TableStats[]> {
  const countAuthors = async () => {
    const authors = new Map<string, number>()
    for (const reader of plan.readers) {
      for (const [table, n] of await reader.countAuthors(plan.routes))
        authors.set(table, (authors.get(table) ?? 0) + n)
    }
    return authors
  }
  const [counts, authors] = await Promise.all([
    plan.sink.finish(config.exclusiveGroups),
    countAuthors(),
  ])
  return counts.map((c) => {
    const uniqueAuthors = authors.get(c.table) ?? 0
    return {
      ...c,
      uniqueAuthors,
      labelRate: uniqueAuthors > 0 ? c.labeledAuthors / uniqueAuthors : 0,
    }
  })
}
