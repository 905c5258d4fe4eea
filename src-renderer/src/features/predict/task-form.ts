import type { MethodParams } from '@api/methods'
import type { ModelVersionSummary } from '@api/contract/models'
import { predictingSchemas, REVIEW_LABEL } from '@api/contract/predicting'
import { normalizeDateTime, parseGroups, parseKeywords, parseRouting, splitIds } from './draft-text'
import { addContractIssues, sourceIssueField } from './form-issues'
import {
  MAPPED_FIELDS,
  type FormErrors,
  type MappedField,
  type ModelDraft,
  type SinkDraft,
  type SourceDraft,
  type TaskDraft,
} from './task-draft'

/**
 * Draft → predict.start params. The contract's schema validates the result (its issues are mapped
 * to fields); the form itself checks only what the contract cannot see: text it parses (dates,
 * keywords, routing), keyword label rows, and rules that need the other fields at once.
 */

export type SourceParams = MethodParams<'predict.start'>['sources'][number]
export type ModelParams = MethodParams<'predict.start'>['models'][number]
export type SinkParams = MethodParams<'predict.start'>['sink']

const DATE_FORMAT = 'Expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.'

function parseDate(text: string, field: string, errors: FormErrors): string | null {
  if (!text.trim()) return null
  const value = normalizeDateTime(text)
  if (!value) errors[field] = DATE_FORMAT
  return value
}

/**
 * The contract checks these only once the rest of a source is valid (they are refinements); the
 * form shows them together with every other error.
 */
function checkFilterColumns(
  columns: Partial<Record<MappedField, string>>,
  filters: { from: string | null; to: string | null; sourceIds: string[] },
  prefix: string,
  errors: FormErrors,
) {
  const { from, to, sourceIds } = filters
  if (!columns.content && !columns.title && !columns.author)
    errors[`${prefix}.columns.content`] = 'Map at least one text column: content, title or author.'
  if (from && to && from >= to) errors[`${prefix}.to`] = `"To" must be later than "from" (${from}).`
  if ((from ?? to) && !columns.postTime)
    errors[`${prefix}.columns.postTime`] = 'A time range needs a post time column.'
  if (sourceIds.length > 0 && !columns.sourceId)
    errors[`${prefix}.columns.sourceId`] = 'A source id filter needs a source id column.'
}

function toSource(draft: SourceDraft, prefix: string, errors: FormErrors): SourceParams {
  const columns: Partial<Record<MappedField, string>> = {}
  for (const { field } of MAPPED_FIELDS) {
    const column = draft.columns[field].trim()
    if (column) columns[field] = column
  }
  const from = parseDate(draft.from, `${prefix}.from`, errors)
  const to = parseDate(draft.to, `${prefix}.to`, errors)
  const sourceIds = splitIds(draft.sourceIds)
  checkFilterColumns(columns, { from, to, sourceIds }, prefix, errors)
  const filters = {
    columns: { ...columns, id: columns.id ?? '' },
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(sourceIds.length > 0 ? { sourceIds } : {}),
  }
  if (draft.kind === 'mariadb') {
    const connection = { connectionId: draft.connectionId }
    return { kind: 'mariadb', connection, schema: draft.schema, table: draft.table, ...filters }
  }
  const path = draft.path.trim()
  if (draft.kind === 'sqlite')
    return { kind: 'sqlite', path, table: draft.table.trim(), ...filters }
  return { kind: 'file', path, format: draft.format, ...filters }
}

/** One source as predict.preview takes it, or the errors that stop it. */
export function buildSource(
  draft: SourceDraft,
  prefix = 'source',
): { ok: true; spec: SourceParams } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const spec = toSource(draft, prefix, errors)
  const checked = predictingSchemas['predict.preview'].safeParse({ source: spec })
  for (const issue of checked.error?.issues ?? []) {
    const rest = issue.path.slice(1).join('.')
    const [field, message] = sourceIssueField(rest, draft.kind, prefix, issue.message)
    errors[field] ??= message
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, spec }
}

function keywordLabels(draft: ModelDraft, prefix: string, errors: FormErrors) {
  const labels: Record<string, string[]> = {}
  draft.labels.forEach((l, i) => {
    const label = l.label.trim()
    const keywords = parseKeywords(l.keywords)
    if (!label) errors[`${prefix}.labels.${i}.label`] = 'Enter the label.'
    else if (labels[label]) errors[`${prefix}.labels.${i}.label`] = `"${label}" is listed twice.`
    if (keywords.length === 0)
      errors[`${prefix}.labels.${i}.keywords`] = 'Enter at least one keyword.'
    if (label) labels[label] = keywords
  })
  if (draft.labels.length === 0) errors[`${prefix}.labels`] = 'Add at least one label.'
  return labels
}

/** "0.3" for every label, or "parent=0.3, pet=0.2"; '' for none. */
function reviewOf(draft: ModelDraft, prefix: string, errors: FormErrors) {
  const text = draft.reviewBelow.trim()
  if (text === '' || draft.kind === 'keywords') return null
  const label = draft.reviewLabel.trim() || REVIEW_LABEL
  const number = (value: string) => (/^-?\d*\.?\d+$/.test(value.trim()) ? Number(value) : NaN)
  if (!text.includes('=')) {
    const below = number(text)
    if (Number.isNaN(below))
      errors[`${prefix}.reviewBelow`] = 'Type a score, e.g. 0.3, or label=score pairs.'
    return { below, label }
  }
  const below: Record<string, number> = {}
  for (const pair of text.split(',')) {
    const [name = '', value = ''] = pair.split('=')
    if (name.trim() === '' || Number.isNaN(number(value)))
      errors[`${prefix}.reviewBelow`] = `"${pair.trim()}" is not label=score, e.g. parent=0.3.`
    else below[name.trim()] = number(value)
  }
  return { below, label }
}

function toModel(draft: ModelDraft, prefix: string, errors: FormErrors): ModelParams {
  if (draft.exclusions === 'chosen' && draft.exclusionSetIds.length === 0)
    errors[`${prefix}.exclusions`] = 'Pick at least one exclusion set, or choose "None".'
  const exclusionSetIds =
    draft.exclusions === 'none' ? [] : draft.exclusions === 'chosen' ? draft.exclusionSetIds : null
  const review = reviewOf(draft, prefix, errors)
  const common = {
    ...(draft.field ? { field: draft.field } : {}),
    ...(exclusionSetIds ? { exclusionSetIds } : {}),
    ...(review ? { review } : {}),
  }
  if (draft.kind === 'version')
    return { ...common, model: { kind: 'version', id: draft.versionId } }
  if (draft.kind === 'file') return { ...common, model: { kind: 'file', path: draft.path.trim() } }
  const labels = keywordLabels(draft, prefix, errors)
  const name = draft.name.trim()
  const version = draft.version.trim() || '1'
  return { ...common, model: { kind: 'keywords', name, version, labels } }
}

function toSink(draft: SinkDraft, errors: FormErrors): SinkParams {
  if (draft.kind === 'csv')
    return { kind: 'csv', path: draft.path.trim(), csvFlavour: draft.csvFlavour }
  const table = draft.table.trim() || 'results'
  const parsed = parseRouting(draft.routing)
  if (!parsed.ok) errors['sink.routing'] = `Cannot read "${parsed.line}": use SOURCE_ID → group.`
  const groups = parsed.ok ? parsed.groups : {}
  const template = draft.template.trim() || 'panel_{group}'
  const routing = Object.keys(groups).length > 0 ? { routing: { groups, template } } : {}
  // Empty: the core writes <dataDir>/outputs/<taskId>.sqlite.
  const path = draft.path.trim() ? { path: draft.path.trim() } : {}
  if (draft.kind === 'sqlite') return { kind: 'sqlite', ...path, table, ...routing }
  const connection = { connectionId: draft.connectionId }
  return { kind: 'mariadb', connection, schema: draft.schema, table, ...routing }
}

/** A model reads one field, and exclusive groups name labels: both depend on the other fields. */
function checkAcrossFields(
  draft: TaskDraft,
  groups: readonly string[][],
  versions: readonly ModelVersionSummary[],
  errors: FormErrors,
) {
  const versionOf = (m: ModelDraft) => versions.find((v) => v.id === m.versionId)
  draft.models.forEach((m, i) => {
    const field =
      m.field ||
      (m.kind === 'keywords' ? 'content' : m.kind === 'version' ? (versionOf(m)?.field ?? '') : '')
    if (!field) return
    draft.sources.forEach((s, j) => {
      if (!s.columns[field].trim())
        errors[`models.${i}.field`] ??=
          `Source ${j + 1} maps no ${field} column: map one or pick another field.`
    })
  })
  const known = new Set(
    draft.models.flatMap((m) =>
      m.kind === 'keywords'
        ? m.labels.map((l) => l.label.trim())
        : m.kind === 'version'
          ? (versionOf(m)?.labels ?? [])
          : [],
    ),
  )
  // A model file's labels are only known once the core opens it.
  const allLabelsKnown = draft.models.every(
    (m) => m.kind === 'keywords' || (m.kind === 'version' && versionOf(m)),
  )
  const unknown = groups.flat().find((l) => !known.has(l))
  if (allLabelsKnown && unknown) errors.exclusiveGroups = `No model has the label "${unknown}".`
}

/** The whole form → predict.start params, or every error at once (keyed by field path). */
export function buildStartParams(
  draft: TaskDraft,
  versions: readonly ModelVersionSummary[] = [],
): { ok: true; params: MethodParams<'predict.start'> } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const exclusiveGroups = parseGroups(draft.exclusiveGroups)
  const batch = draft.batchSize.trim()
  const params: MethodParams<'predict.start'> = {
    ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
    sources: draft.sources.map((s, i) => toSource(s, `sources.${i}`, errors)),
    models: draft.models.map((m, i) => toModel(m, `models.${i}`, errors)),
    exclusiveGroups,
    sink: toSink(draft.sink, errors),
    batchSize: /^\d+$/.test(batch) ? Number(batch) : Number.NaN,
  }
  checkAcrossFields(draft, exclusiveGroups, versions, errors)
  const checked = predictingSchemas['predict.start'].safeParse(params)
  if (checked.error) addContractIssues(errors, checked.error, draft, exclusiveGroups)
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, params }
}
