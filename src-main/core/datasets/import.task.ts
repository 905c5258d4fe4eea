import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { DatasetFormat, ImportReport, LabelMode } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import { FormatError } from '../formats/format-error'
import type { ParsedRecord } from '../formats/record'
import type { TaskContext, TaskKind } from '../tasks/task-registry'
import { contentHash } from './content-hash'
import type { DatasetService } from './datasets.service'
import { applyStaged, type ImportTarget } from './import-apply'
import { createImportReport, SKIPPING_PROBLEMS, type ImportReportBuilder } from './import-report'
import { noDocuments, readSource, type ReadConfig } from './import-source'
import { createStaging, type Staging } from './import-staging'

export interface ImportConfig {
  target: ImportTarget
  path: string
  fileName: string
  /** Delete `path` when done (uploaded content written by the core). */
  removeSource: boolean
  format: DatasetFormat | 'auto'
  read: ReadConfig
  duplicates: 'skip' | 'keep'
  onProblem: 'skip' | 'fail'
}

export interface ImportDeps {
  db: Sqlite
  datasets: DatasetService
  tmpDir: string
  nativeBinding?: string
}

const PROGRESS_EVERY = 1000

interface StageStats {
  labeledRows: number
  multiLabelRows: number
  /** Label names in order of first appearance: new labels are created in this order. */
  labelNames: Set<string>
}

/** `datasets.import`: stream → parse → stage (abortable) → apply in one transaction. */
export function importTask(deps: ImportDeps): TaskKind<ImportConfig, null, ImportReport> {
  return {
    kind: 'datasets.import',
    resumable: false,
    run: async (ctx) => {
      mkdirSync(deps.tmpDir, { recursive: true })
      const stagingFile = join(deps.tmpDir, `import-${ctx.id}.sqlite`)
      const staging = createStaging(stagingFile, deps.nativeBinding)
      let imported = false
      try {
        const report = await runImport(ctx, deps, staging)
        imported = true
        return report
      } finally {
        staging.close()
        rmSync(stagingFile, { force: true })
        // A failed upload stays, so the user can import it again (skipping bad rows, say).
        if (ctx.config.removeSource && imported) rmSync(ctx.config.path, { force: true })
      }
    },
  }
}

async function runImport(
  ctx: TaskContext<ImportConfig>,
  deps: ImportDeps,
  staging: Staging,
): Promise<ImportReport> {
  const { config } = ctx
  const mode = targetMode(deps.datasets, config.target)
  const { source, items } = await readSource(
    config.path,
    config.fileName,
    config.format,
    config.read,
  ).catch((error: unknown) => {
    throw asImportError(error)
  })
  const builder = createImportReport(source.format, source.encoding)
  const stats: StageStats = { labeledRows: 0, multiLabelRows: 0, labelNames: new Set() }
  try {
    for await (const item of items) {
      if ('problem' in item) {
        builder.problem(item.problem)
        if (config.onProblem === 'fail' && SKIPPING_PROBLEMS.includes(item.problem.kind)) {
          const { line, message } = item.problem
          throw new ApiError(
            'VALIDATION',
            `Line ${line}: ${message.replace(/; row skipped$/, '')}. Nothing was imported; fix the file, or import again ` +
              'skipping bad rows.',
            { line, kind: item.problem.kind },
          )
        }
        continue
      }
      stageRecord(item.record, mode, config, staging, builder, stats)
      if (builder.report.rowsRead % PROGRESS_EVERY === 0) {
        ctx.signal.throwIfAborted()
        const message = `Reading: ${builder.report.rowsRead} rows`
        ctx.progress({ done: source.bytesRead(), total: source.totalBytes, message })
      }
    }
  } catch (error) {
    throw asImportError(error)
  } finally {
    source.close()
  }
  ctx.signal.throwIfAborted()
  if (builder.report.rowsRead === 0) throw noDocuments(config.fileName)
  staging.finish()
  const inferredMode: LabelMode =
    stats.multiLabelRows === 0 && stats.labeledRows > 0 ? 'single' : 'multi'
  const total = staging.count()
  applyStaged(
    deps.db,
    deps.datasets,
    {
      stagingFile: staging.file,
      target: config.target,
      duplicates: config.duplicates,
      inferredMode,
      labelNames: [...stats.labelNames],
      onProgress: (done) =>
        ctx.progress({ done, total, message: `Saving: ${done} of ${total} documents` }),
    },
    builder,
  )
  deps.datasets.notifyChanged(builder.report.datasetId)
  return builder.report
}

function stageRecord(
  record: ParsedRecord,
  mode: LabelMode | null,
  config: ImportConfig,
  staging: Staging,
  builder: ImportReportBuilder,
  stats: StageStats,
): void {
  builder.report.rowsRead++
  if (mode === 'single' && record.labels.length > 1) {
    const dropped = record.labels.slice(1).join(', ')
    builder.problem({
      line: record.line,
      kind: 'extra-labels',
      message: `single-label dataset: kept "${record.labels[0]}", dropped ${dropped}`,
    })
    record.labels = record.labels.slice(0, 1)
  }
  if (record.labels.length > 0) stats.labeledRows++
  if (record.labels.length > 1) stats.multiLabelRows++
  for (const label of record.labels) stats.labelNames.add(label)
  for (const s of record.suggestions) stats.labelNames.add(s.label)
  const hash = contentHash(record.text)
  if (config.duplicates === 'skip' && staging.has(hash)) {
    builder.report.duplicatesSkipped++
    return
  }
  staging.add(record, hash)
}

/** The label mode imports must respect; null when a new dataset takes the file's. Fails fast on a bad target. */
function targetMode(datasets: DatasetService, target: ImportTarget): LabelMode | null {
  if ('datasetId' in target) return datasets.requireLive(target.datasetId).label_mode
  if (datasets.isNameTaken(target.newDataset.name)) {
    throw new ApiError(
      'CONFLICT',
      `A dataset named "${target.newDataset.name}" already exists. Import into it or choose another name.`,
    )
  }
  return target.newDataset.labelMode ?? null
}

function asImportError(error: unknown): unknown {
  if (error instanceof FormatError) return new ApiError('VALIDATION', error.message)
  if (error instanceof SyntaxError)
    return new ApiError('VALIDATION', `${error.message}. Check the file is valid JSON.`)
  return error
}
