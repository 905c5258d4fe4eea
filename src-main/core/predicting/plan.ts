import { join } from 'node:path'
import type {
  PredictStartParams,
  ResolvedModelSummary,
  SinkSpec,
  SourceSpec,
  TextField,
} from '../../api/contract/predicting'
import { ApiError } from '../../api/errors'
import type { ConnectionService } from '../connections/connections.service'
import { openMariaDb } from '../db/mariadb'
import type { WorkerPool } from '../pool/worker-pool'
import { createPoolLabeler, type BatchLabeler } from './labeling/batch-labeler'
import {
  pinModelFile,
  resolveModel,
  taskModelsDir,
  summaryOf,
  type ModelSources,
  type ResolvedModel,
} from './labeling/model-refs'
import { modelViews, type ModelView } from './labeling/model-views'
import { createCsvSink, csvStaging } from './sinks/csv-sink'
import { checkMariaDbOutput, createMariaDbSink, readMariaDbOutput } from './sinks/mariadb-sink'
import { sampleTables, type OutputReader, type SampleRequest } from './sinks/output-sample'
import { checkSqliteOutput, createSqliteSink, readSqliteOutput } from './sinks/sqlite-sink'
import { createFileSource } from './sources/file-source'
import { checkMariaDbSource, createMariaDbSource } from './sources/mariadb-source'
import { createSqliteSource } from './sources/sqlite-source'
import { outputIdType, TEXT_ID_TYPE } from './sql/mariadb'
import type { Routes, SinkWriter, SourceReader } from './types'

export interface PlanDeps {
  connections: ConnectionService
  pool: WorkerPool
  /** How long a regex model's patterns may run on one batch, and an exclusion pattern on one text (ms). */
  regexBudgetMs: number
  modelSources: ModelSources
  /** Default SQLite outputs go to `<dataDir>/outputs/<taskId>.sqlite`. */
  dataDir: string
  nativeBinding?: string | undefined
  /** The built worker entries (SQLite and CSV outputs are finished on a thread of their own). */
  workerDir?: string | undefined
}

/**
 * check: before a task exists, every source, model and the output are checked (the output tables
 * created) and closed again; a default SQLite output is not created yet. run: the task's own plan,
 * handed over open.
 */
export type PlanMode = { mode: 'check' } | { mode: 'run'; taskId: string }

/** What a check learned, to be stored with the task. */
export interface CheckedPlan {
  models: ResolvedModelSummary[]
}

/** What a task works with. */
export interface OpenedPlan {
  readers: SourceReader[]
  labeler: BatchLabeler
  views: ModelView[]
  sink: SinkWriter
  tableOf: (sourceId: string | null) => string
  routes: Routes
  close(): Promise<void>
}

export interface OpenedSource {
  reader: SourceReader
  idType: string
}

export async function openSource(
  deps: PlanDeps,
  spec: SourceSpec,
  fields?: readonly TextField[],
): Promise<OpenedSource> {
  const read = fields ? { fields } : {}
  if (spec.kind === 'sqlite') {
    const reader = createSqliteSource({ ...spec, ...read, nativeBinding: deps.nativeBinding })
    return { reader, idType: TEXT_ID_TYPE }
  }
  if (spec.kind === 'file')
    return { reader: createFileSource({ ...spec, ...read }), idType: TEXT_ID_TYPE }
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  const conn = await openMariaDb(target)
  try {
    const checked = await checkMariaDbSource(conn, { ...spec, target })
    const idType = outputIdType(checked.idType)
    return { reader: createMariaDbSource({ ...spec, target, ...read }), idType }
  } finally {
    conn.destroy()
  }
}

/** A source as messages name it. */
export const sourceName = (s: SourceSpec) =>
  s.kind === 'mariadb' ? `${s.schema}.${s.table}` : s.path

export function tableRouter(sink: SinkSpec): {
  tables: string[]
  routes: Routes
  tableOf: (sourceId: string | null) => string
} {
  const main = sink.kind === 'csv' ? 'results' : sink.table
  if (sink.kind === 'csv' || !sink.routing) {
    return { tables: [main], routes: { bySourceId: {}, fallback: main }, tableOf: () => main }
  }
  const { groups, template, otherGroup } = sink.routing
  const name = (group: string) => template.replace('{group}', group)
  const bySourceId = Object.fromEntries(
    Object.entries(groups).map(([id, group]) => [id, name(group)]),
  )
  const fallback = otherGroup ? name(otherGroup) : main
  const tables = [...new Set([...Object.values(bySourceId), fallback])]
  return {
    tables,
    routes: { bySourceId, fallback },
    tableOf: (sourceId) => (sourceId !== null ? (bySourceId[sourceId] ?? fallback) : fallback),
  }
}

/** `<dataDir>/outputs/<taskId>.sqlite` unless a path is given. */
const sqliteSinkPath = (dataDir: string, path: string | undefined, taskId: string) =>
  path ?? join(dataDir, 'outputs', `${taskId}.sqlite`)

async function openSink(
  deps: PlanDeps,
  spec: SinkSpec,
  taskId: string,
  idType: string,
  tables: string[],
): Promise<SinkWriter> {
  const { nativeBinding, workerDir } = deps
  if (spec.kind === 'sqlite') {
    const path = sqliteSinkPath(deps.dataDir, spec.path, taskId)
    return createSqliteSink({ path, tables, taskId, nativeBinding, workerDir })
  }
  if (spec.kind === 'csv') {
    const csvFlavour = spec.csvFlavour
    return createCsvSink({ path: spec.path, csvFlavour, taskId, nativeBinding, workerDir })
  }
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  return createMariaDbSink({ target, schema: spec.schema, tables, taskId, idType })
}

/** Creates the output tables, or checks existing ones; a default SQLite file is checked in memory. */
async function checkSink(deps: PlanDeps, spec: SinkSpec, idType: string, tables: string[]) {
  if (spec.kind === 'sqlite') {
    const path = spec.path ?? ':memory:'
    return checkSqliteOutput({ path, tables, nativeBinding: deps.nativeBinding })
  }
  if (spec.kind === 'csv') return checkSqliteOutput(csvStaging(spec.path, deps.nativeBinding))
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  await checkMariaDbOutput({ target, schema: spec.schema, tables, idType })
}

/**
 * Opens a task's output alone (no source, no model) for reading and creates nothing: an output
 * file or table that is gone has no rows.
 */
export async function readOutput<T>(
  deps: PlanDeps,
  spec: SinkSpec,
  taskId: string,
  read: (output: OutputReader) => Promise<T>,
): Promise<T> {
  const { tables } = tableRouter(spec)
  const { nativeBinding } = deps
  if (spec.kind === 'sqlite') {
    const path = sqliteSinkPath(deps.dataDir, spec.path, taskId)
    return readSqliteOutput({ path, tables, nativeBinding }, read)
  }
  if (spec.kind === 'csv') return readSqliteOutput(csvStaging(spec.path, nativeBinding), read)
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  return readMariaDbOutput({ target, schema: spec.schema, tables }, read)
}

/** Random written rows per label of a task's output. */
export const sampleOutput = (deps: PlanDeps, spec: SinkSpec, request: SampleRequest) =>
  readOutput(deps, spec, request.taskId, (o) => sampleTables(o.tables, request, o.tableOf, o.rowOf))

/**
 * Checks every source, model and the sink. A check closes them again and returns what it resolved;
 * a run hands them over open. Closes what it opened on failure.
 */
export async function openPlan(
  deps: PlanDeps,
  params: PredictStartParams,
  mode: { mode: 'check' },
): Promise<CheckedPlan>
export async function openPlan(
  deps: PlanDeps,
  params: PredictStartParams,
  mode: { mode: 'run'; taskId: string },
): Promise<OpenedPlan>
export async function openPlan(
  deps: PlanDeps,
  params: PredictStartParams,
  mode: PlanMode,
): Promise<CheckedPlan | OpenedPlan> {
  const readers: SourceReader[] = []
  const closeAll = async () => Promise.allSettled(readers.map((r) => r.close()))
  try {
    const pinDir = mode.mode === 'run' ? taskModelsDir(deps.dataDir, mode.taskId) : null
    const models = params.models.map((m, i) =>
      resolveModel(
        deps.modelSources,
        m,
        pinDir ? pinModelFile(deps.modelSources, m, pinDir, i) : undefined,
      ),
    )
    // Read what the models and the output need; content is often the widest column by far.
    const fields = [...new Set<TextField>([...models.map((m) => m.field), 'author', 'sourceId'])]
    let idType = TEXT_ID_TYPE
    for (const [i, spec] of params.sources.entries()) {
      const opened = await openSource(deps, spec, fields)
      readers.push(opened.reader)
      if (i === 0) idType = opened.idType
    }
    for (const [i, model] of models.entries()) checkModelField(params.sources, model, i)
    const { tables, tableOf, routes } = tableRouter(params.sink)
    if (mode.mode === 'check') {
      await checkSink(deps, params.sink, idType, tables)
      await closeAll()
      return { models: models.map(summaryOf) }
    }
    const sink = await openSink(deps, params.sink, mode.taskId, idType, tables)
    await sink.prepare().catch(async (error: unknown) => {
      await sink.close()
      throw error
    })
    const labeler = createPoolLabeler(deps.pool, models, deps.regexBudgetMs)
    return {
      readers,
      labeler,
      views: modelViews(models),
      sink,
      tableOf,
      routes,
      async close() {
        await Promise.allSettled([closeAll(), sink.close(), labeler.close()])
      },
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}

function checkModelField(sources: readonly SourceSpec[], model: ResolvedModel, index: number) {
  for (const source of sources) {
    if (!source.columns[model.field]) {
      throw new ApiError(
        'VALIDATION',
        `Model ${index + 1} (${model.resolvedVersion}) reads ${model.field}, but a source maps no ${model.field} column. Map one or pick another field.`,
      )
    }
  }
}
