import type {
  ModelSpec,
  PredictStartParams,
  SinkSpec,
  SourceSpec,
  TextField,
} from '../../api/contract/predicting'
import { ApiError } from '../../api/errors'
import type { ConnectionService } from '../connections/connections.service'
import { openMariaDb } from '../db/mariadb'
import {
  createInProcessLabeler,
  type BatchLabeler,
  type LabelerModel,
} from './labeling/batch-labeler'
import { InlineKeywordModel } from './labeling/keyword-model'
import { createMariaDbSink } from './sinks/mariadb-sink'
import { checkMariaDbSource, createMariaDbSource } from './sources/mariadb-source'
import type { Routes, SinkWriter, SourceReader } from './types'

/** Loads a model file written by the ML engine (injected: the engine owns the format). */
export type ModelFileLoader = (
  path: string,
) => Promise<Omit<LabelerModel, 'field'> & { field?: LabelerModel['field'] }>

export interface PlanDeps {
  connections: ConnectionService
  loadModelFile?: ModelFileLoader
}

/** What a task (or a check before one) works with. */
export interface OpenedPlan {
  readers: SourceReader[]
  labeler: BatchLabeler
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
  if (spec.kind !== 'mariadb') {
    throw new ApiError(
      'UNAVAILABLE',
      `Embedded ${spec.kind} sources are not supported by this build yet; load the rows into MariaDB.`,
    )
  }
  const target = deps.connections.targetOf(spec.connection, spec.schema)
  const conn = await openMariaDb(target)
  try {
    const checked = await checkMariaDbSource(conn, { ...spec, target })
    const idType = checked.idIsInteger
      ? /unsigned/i.test(checked.idType)
        ? 'BIGINT UNSIGNED'
        : 'BIGINT'
      : 'VARCHAR(255)'
    return {
      reader: createMariaDbSource({ ...spec, target, ...(fields ? { fields } : {}) }),
      idType,
    }
  } finally {
    conn.destroy()
  }
}

async function loadModel(deps: PlanDeps, spec: ModelSpec): Promise<LabelerModel> {
  if (spec.model.kind === 'keywords') {
    const field = spec.field ?? 'content'
    const model = new InlineKeywordModel(field, spec.model.labels)
    return { version: `${spec.model.name}@${spec.model.version}`, field, model }
  }
  if (!deps.loadModelFile) {
    throw new ApiError(
      'UNAVAILABLE',
      `Model files cannot be loaded yet (${spec.model.path}); use a keyword model meanwhile.`,
    )
  }
  const loaded = await deps.loadModelFile(spec.model.path)
  return { ...loaded, field: spec.field ?? loaded.field ?? 'content' }
}

export function tableRouter(sink: SinkSpec): {
  tables: string[]
  routes: Routes
  tableOf: (sourceId: string | null) => string
} {
  const main = sink.kind === 'csv' ? 'results' : sink.table
  if (sink.kind !== 'mariadb' || !sink.routing) {
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

function openSink(
  deps: PlanDeps,
  spec: SinkSpec,
  taskId: string,
  idType: string,
  tables: string[],
): SinkWriter {
  if (spec.kind !== 'mariadb') {
    throw new ApiError(
      'UNAVAILABLE',
      `${spec.kind} sinks are not supported by this build yet; write to a MariaDB schema.`,
    )
  }
  const target = deps.connections.targetOf(spec.connection, spec.schema)
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
    const models = await Promise.all(params.models.map((m) => loadModel(deps, m)))
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
    const sink = openSink(deps, params.sink, taskId, idType, tables)
    await sink.prepare().catch(async (error: unknown) => {
      await sink.close()
      throw error
    })
    const labeler = createInProcessLabeler(models)
    return {
      readers,
      labeler,
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

function checkModelField(sources: readonly SourceSpec[], model: LabelerModel, index: number) {
  for (const source of sources) {
    if (!source.columns[model.field]) {
      throw new ApiError(
        'VALIDATION',
        `Model ${index + 1} (${model.version}) reads ${model.field}, but a source maps no ${model.field} column. Map one or pick another field.`,
      )
    }
  }
}
