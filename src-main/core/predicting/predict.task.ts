import { TASK_KINDS } from '../../api/contract/tasks'
import { rmSync } from 'node:fs'
import { basename } from 'node:path'
import type {
  PredictStartParams,
  PredictStats,
  PredictTaskConfig,
  SinkSpec,
  TableStats,
} from '../../api/contract/predicting'
import { assertFitsXlsx, isXlsxPath } from '../../../src-worker/ml/io/xlsx'
import type { TaskKind } from '../tasks/task-registry'
import type { TestGates } from '../test-gates'
import { AuthorSet } from './author-set'
import { emptyCounters, statsOf, type PredictCheckpoint } from './counters'
import { taskModelsDir } from './labeling/model-refs'
import { runPipeline } from './pipeline'
import { openPlan, type OpenedPlan, type PlanDeps } from './plan'
import { countsSeenAuthors } from './sources/mariadb-source'
import type { SourceReader } from './types'

const rss = () => process.memoryUsage.rss()

/** The resumable predict task: plan → pipeline → author panel → final stats. */
export function predictTask(
  deps: PlanDeps & { log?: (e: unknown) => void; gates?: TestGates | undefined },
): TaskKind<PredictTaskConfig, PredictCheckpoint, PredictStats, typeof TASK_KINDS.predict> {
  return {
    kind: TASK_KINDS.predict,
    resumable: true,
    async run(ctx) {
      const plan = await openPlan(deps, ctx.config, { mode: 'run', taskId: ctx.id })
      try {
        const startedAt = Date.now()
        const start = ctx.checkpoint ?? (await firstCheckpoint(plan))
        if (!ctx.checkpoint) assertSinkHolds(ctx.config.sink, start)
        const runMs = () => start.runMs + Date.now() - startedAt
        // A run that reads every row from the start collects its authors; a resumed one counts them on the source.
        const seen = ctx.checkpoint ? null : seenAuthors(plan)
        // One source's set holds every author the output will: the writer takes entries from it.
        const [only, ...more] = seen?.authors ?? []
        if (only && more.length === 0) plan.sink.shareAuthors?.(only)
        const gate = deps.gates?.predictWrite
        let writes = 0
        const final = await runPipeline({
          ...plan,
          sources: seen?.readers ?? plan.readers,
          batchSize: ctx.config.batchSize,
          signal: ctx.signal,
          start,
          ...(gate ? { beforeWrite: (signal: AbortSignal) => gate(writes++, signal) } : {}),
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
        // The counters stay on screen while the panel is built: a progress without them reads as 0.
        ctx.progress({
          done: final.counters.received,
          total: final.counters.received,
          message: 'building the author panel',
          data: { ...statsOf(final, runMs()) },
        })
        const finishStarted = Date.now()
        const tables = await finish(plan, ctx.config, seen)
        const finishMs = Date.now() - finishStarted
        const done = { ...final, runMs: runMs(), peakRssBytes: Math.max(final.peakRssBytes, rss()) }
        const uniqueAuthors = tables.reduce((sum, t) => sum + t.uniqueAuthors, 0)
        // Done: nothing will resume it, so its copies of the model files can go.
        rmSync(taskModelsDir(deps.dataDir, ctx.id), { recursive: true, force: true })
        return { ...statsOf(done, done.runMs), tables, uniqueAuthors, finishMs }
      } finally {
        await plan.close()
      }
    },
  }
}

/** An .xlsx output whose sources surely hold more rows than a sheet is refused before any is written. */
function assertSinkHolds(sink: SinkSpec, start: PredictCheckpoint): void {
  if (sink.kind === 'csv' && isXlsxPath(sink.path) && start.estimateExact)
    assertFitsXlsx(start.estimatedRows, `The output ${basename(sink.path)}`)
}

async function firstCheckpoint(plan: OpenedPlan): Promise<PredictCheckpoint> {
  let estimatedRows = 0
  let estimateExact = true
  for (const reader of plan.readers) {
    const estimate = await reader.estimate()
    estimatedRows += estimate.rows
    estimateExact &&= estimate.exact
  }
  return {
    source: 0,
    after: null,
    counters: emptyCounters(),
    runMs: 0,
    peakRssBytes: rss(),
    estimatedRows,
    estimateExact,
  }
}

/**
 * Beyond this many distinct authors, or this many UTF-16 code units of them (~8 MB), the run stops
 * collecting them (RSS must not grow with the run): the source counts them instead, with one scan at
 * the end.
 */
const SEEN_AUTHORS_MAX = 250_000
const SEEN_AUTHOR_UNITS_MAX = 4_000_000

interface SeenAuthors {
  /** The plan's readers, recording the authors of every batch they return. */
  readers: SourceReader[]
  /** Per reader: the author strings read, or null when the source counts them. */
  authors: (AuthorSet | null)[]
}

/**
 * Collects the author strings of MariaDB sources while the pipeline reads them, so that the unique
 * authors are counted from these (see countSeenAuthors) instead of from a scan of the source, and
 * gives each batch its authors' entries (the writer's panel counts take them). Only without
 * routing by source id: then every row of the source goes to the one fallback table.
 */
function seenAuthors(plan: OpenedPlan): SeenAuthors | null {
  if (Object.keys(plan.routes.bySourceId).length > 0) return null
  const authors = plan.readers.map((r) => (countsSeenAuthors(r) ? new AuthorSet() : null))
  if (authors.every((a) => a === null)) return null
  const overBudget = () => {
    let size = 0
    let units = 0
    for (const set of authors) {
      size += set?.size ?? 0
      units += set?.unitCount ?? 0
    }
    return size > SEEN_AUTHORS_MAX || units > SEEN_AUTHOR_UNITS_MAX
  }
  const readers = plan.readers.map((reader, i): SourceReader => {
    if (!authors[i]) return reader
    return {
      ...reader,
      async read(after, limit) {
        const batch = await reader.read(after, limit)
        const set = authors[i]
        const column = batch?.texts.author
        if (!set || !column) return batch
        const entries = new Int32Array(column.length)
        column.forEach((author, r) => (entries[r] = author ? set.indexOf(author) : -1))
        batch.authorEntries = entries
        if (overBudget()) authors[i] = null
        return batch
      },
    }
  })
  return { readers, authors }
}

/** The author panel (output side) and the unique authors (source side) are built concurrently. */
async function finish(
  plan: OpenedPlan,
  config: PredictStartParams,
  seen: SeenAuthors | null,
): Promise<TableStats[]> {
  const countAuthors = async () => {
    const authors = new Map<string, number>()
    for (const [i, reader] of plan.readers.entries()) {
      const set = seen?.authors[i]
      const counted =
        set && countsSeenAuthors(reader)
          ? await reader.countSeenAuthors(set, plan.routes.fallback)
          : null
      for (const [table, n] of counted ?? (await reader.countAuthors(plan.routes)))
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
