import { join } from 'node:path'
import type {
  PredictStartParams,
  SinkSpec,
  SourceSpec,
  TextField,
} from '../../api/contract/predicting'
import { ApiError } from '../../api/errors'
import type { ConnectionService } from '../connections/connections.service'
import { openMariaDb } from '../db/mariadb'
import type { WorkerPool } from '../pool/worker-pool'
import { createPoolLabeler, type BatchLabeler } from './labeling/batch-labeler'
import { resolveModel, type ModelSources, type ResolvedModel } from './labeling/model-refs'
import { modelViews, type ModelView } from './labeling/model-views'
import { createCsvSink } from './sinks/csv-sink'
import { createMariaDbSink } from './sinks/mariadb-sink'
import { createSqliteSink } from './sinks/sqlite-sink'
import { createFileSource } from './sources/file-source'
import { checkMariaDbSource, createMariaDbSource } from './sources/mariadb-source'
import { createSqliteSource } from './sources/sqlite-source'
import type { Routes, SinkWriter, SourceReader } from './types'

export interface PlanDeps {
  connections: ConnectionService
  pool: WorkerPool
  modelSources: ModelSources
  /** Default SQLite outputs go to `<dataDir>/outputs/<taskId>.sqlite`. */
  dataDir: string
  nativeBinding?: string | undefined
}

/** The task id openPlan gets when it only checks a task before it exists. */
export const CHECK_TASK_ID = '0'.repeat(32)

/** What a task (or a check before one) works with. */
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
    return { reader, idType: 'VARCHAR(255)' }
  }
  if (spec.kind === 'file')
    return { reader: createFileSource({ ...spec, ...read }), idType: 'VARCHAR(255)' }
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  const conn = await openMariaDb(target)
  try {
    const checked = await checkMariaDbSource(conn, { ...spec, target })
    const idType = checked.idIsInteger
      ? /unsigned/i.test(checked.idType)
        ? 'BIGINT UNSIGNED'
        : 'BIGINT'
      : 'VARCHAR(255)'
    return { reader: createMariaDbSource({ ...spec, target, ...read }), idType }
  } finally {
    conn.destroy()
  }
}

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

/** `<dataDir>/outputs/<taskId>.sqlite` unless a path is given; a check opens nothing on disk. */
export function sqliteSinkPath(dataDir: string, path: string | undefined, taskId: string) {
  if (path) return path
  return taskId === CHECK_TASK_ID ? ':memory:' : join(dataDir, 'outputs', `${taskId}.sqlite`)
}

async function openSink(
  deps: PlanDeps,
  spec: SinkSpec,
  taskId: string,
  idType: string,
  tables: string[],
): Promise<SinkWriter> {
  const nativeBinding = deps.nativeBinding
  if (spec.kind === 'sqlite') {
    const path = sqliteSinkPath(deps.dataDir, spec.path, taskId)
    return createSqliteSink({ path, tables, taskId, nativeBinding })
  }
  if (spec.kind === 'csv') {
    return createCsvSink({ path: spec.path, csvFlavour: spec.csvFlavour, taskId, nativeBinding })
  }
  const target = await deps.connections.targetOf(spec.connection, spec.schema)
  return createMariaDbSink({ target, schema: spec.schema, tables, taskId, idType })
}

/** Checks every source, model and the sink, then hands them over open. Closes what it opened on failure. */
export async function openPlan(
  deps: PlanDeps,
  params: PredictStartParams,
  taskId: string,
): Promise<OpenedPlan> {
  const readers: SourceReader[] = []
  const closeAll = async () => Promise.allSettled(readers.map((r) => r.close()))
  try {
    const models = params.models.map((m) => resolveModel(deps.modelSources, m))
    // Read what the models and the output need; content is often the widest column by far.
    const fields = [...new Set<TextField>([...models.map((m) => m.field), 'author', 'sourceId'])]
    let idType = 'VARCHAR(255)'
    for (const [i, spec] of params.sources.entries()) {
      const opened = await openSource(deps, spec, fields)
      readers.push(opened.reader)
      if (i === 0) idType = opened.idType
    }
    for (const [i, model] of models.entries()) checkModelField(params.sources, model, i)
    const { tables, tableOf, routes } = tableRouter(params.sink)
    const sink = await openSink(deps, params.sink, taskId, idType, tables)
    await sink.prepare().catch(async (error: unknown) => {
      await sink.close()
      throw error
    })
    const labeler = createPoolLabeler(deps.pool, models)
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
        `Model ${index + 1} (${model.version}) reads ${model.field}, but a source maps no ${model.field} column. Map one or pick another field.`,
      )
    }
  }
}
