import type { ModelVersionSummary } from '@api/contract/models'
import { predictStartParams, type PredictStartParams } from '@api/contract/predicting'
import type { ModelParams, SinkParams, SourceParams } from './task-form'
import {
  emptyLabel,
  emptyModel,
  emptySource,
  emptyTaskDraft,
  MAPPED_FIELDS,
  type FormErrors,
  type ModelDraft,
  type SinkDraft,
  type SourceDraft,
  type TaskDraft,
} from './task-draft'

/**
 * predict.start params (a task's config or a saved template) → the form's draft, for "Run again"
 * and "Start from…". What the form cannot hold, or what no longer exists, comes back as field
 * errors so the user sees at once what to fix.
 */

export type DraftFromParams = { draft: TaskDraft; problems: FormErrors }

const URL_PROBLEM = 'This used a connection URL; pick a saved connection.'

function toSourceDraft(s: SourceParams, prefix: string, problems: FormErrors): SourceDraft {
  const draft = emptySource(s.kind)
  for (const { field } of MAPPED_FIELDS) draft.columns[field] = s.columns[field] ?? ''
  draft.from = s.from ?? ''
  draft.to = s.to ?? ''
  draft.sourceIds = (s.sourceIds ?? []).join('\n')
  if (s.kind === 'mariadb') {
    if ('url' in s.connection) problems[`${prefix}.connectionId`] = URL_PROBLEM
    else draft.connectionId = s.connection.connectionId
    return { ...draft, schema: s.schema, table: s.table }
  }
  if (s.kind === 'sqlite') return { ...draft, path: s.path, table: s.table }
  return { ...draft, path: s.path, format: s.format }
}

/** The form's text of a review-below confidence: one number, or label=number pairs. */
const reviewText = (below: number | Record<string, number> | undefined) =>
  below === undefined
    ? ''
    : typeof below === 'number'
      ? String(below)
      : Object.entries(below)
          .map(([label, value]) => `${label}=${value}`)
          .join(', ')

function toModelDraft(
  m: ModelParams,
  prefix: string,
  versions: readonly ModelVersionSummary[],
  problems: FormErrors,
): ModelDraft {
  const base: ModelDraft = {
    ...emptyModel(),
    field: m.field ?? '',
    exclusions:
      m.exclusionSetIds === undefined ? 'default' : m.exclusionSetIds.length ? 'chosen' : 'none',
    exclusionSetIds: m.exclusionSetIds ?? [],
    reviewBelow: reviewText(m.review?.below),
    reviewLabel: m.review?.label ?? '',
  }
  const spec = m.model
  if (spec.kind === 'file') return { ...base, kind: 'file', path: spec.path }
  if (spec.kind === 'version') {
    if (versions.some((v) => v.id === spec.id))
      return { ...base, kind: 'version', versionId: spec.id }
    problems[`${prefix}.versionId`] =
      `Model version ${spec.id.slice(0, 8)}… no longer exists (deleted?); pick another version.`
    return { ...base, kind: 'version', versionId: '' }
  }
  const labels = Object.entries(spec.labels).map(([label, keywords]) => ({
    ...emptyLabel(),
    label,
    keywords: keywords.join('\n'),
  }))
  return {
    ...base,
    kind: 'keywords',
    name: spec.name,
    version: spec.version ?? '1',
    labels: labels.length > 0 ? labels : [emptyLabel()],
  }
}

function toSinkDraft(s: SinkParams, problems: FormErrors): SinkDraft {
  const sink = emptyTaskDraft().sink
  if (s.kind === 'csv')
    return { ...sink, kind: 'csv', path: s.path, csvFlavour: s.csvFlavour ?? 'raw' }
  const routing = s.routing
  const routed = {
    table: s.table ?? 'results',
    routing: Object.entries(routing?.groups ?? {})
      .map(([id, group]) => `${id} → ${group}`)
      .join('\n'),
    template: routing?.template ?? sink.template,
  }
  if (routing?.otherGroup)
    problems['sink.routing'] =
      `Other source ids went to "${routing.otherGroup}"; the form writes them to the main table.`
  if (s.kind === 'sqlite') return { ...sink, ...routed, kind: 'sqlite', path: s.path ?? '' }
  if ('url' in s.connection) problems['sink.connectionId'] = URL_PROBLEM
  const connectionId = 'connectionId' in s.connection ? s.connection.connectionId : ''
  return { ...sink, ...routed, kind: 'mariadb', connectionId, schema: s.schema }
}

export function draftFromParams(
  params: PredictStartParams,
  versions: readonly ModelVersionSummary[],
): DraftFromParams {
  const problems: FormErrors = {}
  const draft: TaskDraft = {
    title: params.title ?? '',
    sources: params.sources.map((s, i) => toSourceDraft(s, `sources.${i}`, problems)),
    models: params.models.map((m, i) => toModelDraft(m, `models.${i}`, versions, problems)),
    exclusiveGroups: params.exclusiveGroups.map((g) => g.join(', ')).join('\n'),
    sink: toSinkDraft(params.sink, problems),
    batchSize: String(params.batchSize),
  }
  return { draft, problems }
}

/**
 * A task's stored config → its start params: the config adds what the core resolved at start
 * (resolvedModels), which the params schema does not take. null when it does not fit (a task
 * an older app started, or another kind).
 */
export function paramsOfConfig(config: unknown): PredictStartParams | null {
  if (typeof config !== 'object' || config === null) return null
  const { resolvedModels: _resolved, ...rest } = config as Record<string, unknown>
  const parsed = predictStartParams.safeParse(rest)
  return parsed.success ? parsed.data : null
}
