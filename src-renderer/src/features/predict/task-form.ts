import type { MethodParams } from '@api/methods'
import type { CsvFlavour } from '@api/contract/common'
import type { ModelVersionSummary } from '@api/contract/models'
import type { TextField } from '@api/models'

/** Pure draft → predict.start params, so the rules are unit-tested without a DOM. */

export type SourceKind = 'mariadb' | 'sqlite' | 'file'
export type MappedField = 'id' | 'content' | 'title' | 'author' | 'sourceId' | 'postTime'
export const MAPPED_FIELDS: readonly { field: MappedField; label: string; required?: boolean }[] = [
  { field: 'id', label: 'Id column', required: true },
  { field: 'content', label: 'Content column' },
  { field: 'title', label: 'Title column' },
  { field: 'author', label: 'Author column' },
  { field: 'sourceId', label: 'Source id column' },
  { field: 'postTime', label: 'Post time column' },
]
export const TEXT_FIELDS: readonly { field: TextField; label: string }[] = [
  { field: 'content', label: 'Content' },
  { field: 'title', label: 'Title' },
  { field: 'author', label: 'Author' },
  { field: 'sourceId', label: 'Source id' },
]

export interface SourceDraft {
  key: number
  kind: SourceKind
  connectionId: string
  schema: string
  table: string
  path: string
  format: 'csv' | 'jsonl'
  columns: Record<MappedField, string>
  from: string
  to: string
  /** Source ids to keep, separated by commas, spaces or lines; empty keeps all. */
  sourceIds: string
}

export interface KeywordLabelDraft {
  key: number
  label: string
  /** One keyword per line; a pasted rules file (`keyword<TAB>match_type`, # comments) works too. */
  keywords: string
}

export type ModelKind = 'keywords' | 'file' | 'version'

/** Which exclusion sets run before a model: as it was trained, none, or the ones picked. */
export type ExclusionChoice = 'default' | 'none' | 'chosen'

export interface ModelDraft {
  key: number
  kind: ModelKind
  /** '' lets the model read the field it was trained on (content for keyword models). */
  field: TextField | ''
  path: string
  /** A saved model version (models.list) when kind is 'version'. */
  versionId: string
  exclusions: ExclusionChoice
  exclusionSetIds: string[]
  name: string
  version: string
  labels: KeywordLabelDraft[]
}

export type SinkKind = 'mariadb' | 'sqlite' | 'csv'

export interface SinkDraft {
  kind: SinkKind
  connectionId: string
  schema: string
  table: string
  path: string
  /** `SOURCE_ID → group` (or `=`), one per line; empty writes one table. */
  routing: string
  template: string
  /** CSV outputs are read by programs more often than opened in Excel: raw by default. */
  csvFlavour: CsvFlavour
}

export interface TaskDraft {
  title: string
  sources: SourceDraft[]
  models: ModelDraft[]
  /** One group per line, labels separated by commas: `male, female`. */
  exclusiveGroups: string
  sink: SinkDraft
  batchSize: string
}

let nextKey = 1
const key = () => nextKey++

export const emptySource = (kind: SourceKind = 'file'): SourceDraft => ({
  key: key(),
  kind,
  connectionId: '',
  schema: '',
  table: '',
  path: '',
  format: 'csv',
  columns: { id: '', content: '', title: '', author: '', sourceId: '', postTime: '' },
  from: '',
  to: '',
  sourceIds: '',
})

export const emptyLabel = (): KeywordLabelDraft => ({ key: key(), label: '', keywords: '' })

export const emptyModel = (): ModelDraft => ({
  key: key(),
  kind: 'keywords',
  field: '',
  path: '',
  versionId: '',
  exclusions: 'default',
  exclusionSetIds: [],
  name: 'keywords',
  version: '1',
  labels: [emptyLabel()],
})

export const emptyTaskDraft = (): TaskDraft => ({
  title: '',
  sources: [emptySource()],
  models: [emptyModel()],
  exclusiveGroups: '',
  sink: {
    kind: 'csv',
    connectionId: '',
    schema: '',
    table: 'results',
    path: '',
    routing: '',
    template: 'panel_{group}',
    csvFlavour: 'raw',
  },
  batchSize: '10000',
})

/** Field errors keyed by a dotted path: `sources.0.to`, `models.1.labels.0.keywords`, `sink.path`. */
export type FormErrors = Record<string, string>

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/** `2024-01-02`, `2024-01-02T03:04` → `2024-01-02 00:00:00` / `2024-01-02 03:04:00`; null if malformed. */
export function normalizeDateTime(value: string): string | null {
  const m = DATE_TIME.exec(value.trim())
  if (!m) return null
  const [, date, hh = '00', mm = '00', ss = '00'] = m
  const d = new Date(`${date}T${hh}:${mm}:${ss}Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return null
  return `${date} ${hh}:${mm}:${ss}`
}

/** Keywords from a textarea: one per line, `#` comments and a tab-separated match type ignored. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>()
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith('#')) continue
    const keyword = (line.split('\t')[0] ?? '').trim()
    if (keyword) seen.add(keyword)
  }
  return [...seen]
}

/** `male, female` per line → [['male', 'female']]. */
export function parseGroups(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(/[,，]/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0)
}

/** `WH_F0001 → ptt` or `WH_F0001 = ptt` per line → { WH_F0001: 'ptt' }; null with the bad line. */
export function parseRouting(
  text: string,
): { ok: true; groups: Record<string, string> } | { ok: false; line: string } {
  const groups: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const m = /^(\S+)\s*(?:→|->|=|:)\s*([A-Za-z0-9_]{1,40})$/.exec(line)
    if (!m?.[1] || !m[2]) return { ok: false, line }
    groups[m[1]] = m[2]
  }
  return { ok: true, groups }
}

const splitIds = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)

export type SourceParams = MethodParams<'predict.start'>['sources'][number]
export type ModelParams = MethodParams<'predict.start'>['models'][number]
export type SinkParams = MethodParams<'predict.start'>['sink']

/** One source as predict.preview / predict.start take it, or the errors that stop it. */
export function buildSource(
  draft: SourceDraft,
  prefix = 'source',
): { ok: true; spec: SourceParams } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const columns: Partial<Record<MappedField, string>> = {}
  for (const { field } of MAPPED_FIELDS) {
    const column = draft.columns[field].trim()
    if (column) columns[field] = column
  }
  if (!columns.id) errors[`${prefix}.columns.id`] = 'Pick the id column.'
  if (!columns.content && !columns.title && !columns.author)
    errors[`${prefix}.columns.content`] = 'Map at least one text column: content, title or author.'

  let from: string | null = null
  let to: string | null = null
  if (draft.from.trim()) {
    from = normalizeDateTime(draft.from)
    if (!from) errors[`${prefix}.from`] = 'Expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.'
  }
  if (draft.to.trim()) {
    to = normalizeDateTime(draft.to)
    if (!to) errors[`${prefix}.to`] = 'Expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS.'
  }
  if (from && to && from >= to) errors[`${prefix}.to`] = `"To" must be later than "from" (${from}).`
  if ((from ?? to) && !columns.postTime)
    errors[`${prefix}.columns.postTime`] = 'A time range needs a post time column.'
  const sourceIds = splitIds(draft.sourceIds)
  if (sourceIds.length > 0 && !columns.sourceId)
    errors[`${prefix}.columns.sourceId`] = 'A source id filter needs a source id column.'

  if (draft.kind === 'mariadb') {
    if (!draft.connectionId) errors[`${prefix}.connectionId`] = 'Pick a connection.'
    if (!draft.schema) errors[`${prefix}.schema`] = 'Pick a schema.'
    if (!draft.table) errors[`${prefix}.table`] = 'Pick a table.'
  } else {
    if (!draft.path.trim()) errors[`${prefix}.path`] = 'Enter the path of the file.'
    if (draft.kind === 'sqlite' && !draft.table.trim())
      errors[`${prefix}.table`] = 'Enter the table to read.'
  }
  if (Object.keys(errors).length > 0 || !columns.id) return { ok: false, errors }

  const filters = {
    columns: { ...columns, id: columns.id },
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(sourceIds.length > 0 ? { sourceIds } : {}),
  }
  const spec: SourceParams =
    draft.kind === 'mariadb'
      ? {
          kind: 'mariadb',
          connection: { connectionId: draft.connectionId },
          schema: draft.schema,
          table: draft.table,
          ...filters,
        }
      : draft.kind === 'sqlite'
        ? { kind: 'sqlite', path: draft.path.trim(), table: draft.table.trim(), ...filters }
        : { kind: 'file', path: draft.path.trim(), format: draft.format, ...filters }
  return { ok: true, spec }
}

function buildModel(draft: ModelDraft, prefix: string, errors: FormErrors): ModelParams | null {
  const exclusions =
    draft.exclusions === 'none'
      ? { exclusionSetIds: [] }
      : draft.exclusions === 'chosen'
        ? { exclusionSetIds: draft.exclusionSetIds }
        : {}
  if (draft.exclusions === 'chosen' && draft.exclusionSetIds.length === 0) {
    errors[`${prefix}.exclusions`] = 'Pick at least one exclusion set, or choose "None".'
    return null
  }
  const field = { ...(draft.field ? { field: draft.field } : {}), ...exclusions }
  if (draft.kind === 'version') {
    if (!draft.versionId) {
      errors[`${prefix}.versionId`] = 'Pick a model version.'
      return null
    }
    return { ...field, model: { kind: 'version', id: draft.versionId } }
  }
  if (draft.kind === 'file') {
    if (!draft.path.trim()) {
      errors[`${prefix}.path`] = 'Enter the path of a .audmodel file.'
      return null
    }
    return { ...field, model: { kind: 'file', path: draft.path.trim() } }
  }
  let ok = true
  if (!draft.name.trim()) {
    errors[`${prefix}.name`] = 'Name the model; output rows record it.'
    ok = false
  }
  const labels: Record<string, string[]> = {}
  draft.labels.forEach((l, i) => {
    const label = l.label.trim()
    const keywords = parseKeywords(l.keywords)
    if (!label) {
      errors[`${prefix}.labels.${i}.label`] = 'Enter the label.'
      ok = false
    } else if (labels[label]) {
      errors[`${prefix}.labels.${i}.label`] = `"${label}" is listed twice.`
      ok = false
    }
    if (keywords.length === 0) {
      errors[`${prefix}.labels.${i}.keywords`] = 'Enter at least one keyword.'
      ok = false
    }
    if (label) labels[label] = keywords
  })
  if (draft.labels.length === 0) {
    errors[`${prefix}.labels`] = 'Add at least one label.'
    ok = false
  }
  if (!ok) return null
  return {
    ...field,
    model: {
      kind: 'keywords',
      name: draft.name.trim(),
      version: draft.version.trim() || '1',
      labels,
    },
  }
}

function buildSink(draft: SinkDraft, errors: FormErrors): SinkParams | null {
  if (draft.kind === 'csv') {
    if (!draft.path.trim()) {
      errors['sink.path'] = 'Enter the path of the CSV file to write.'
      return null
    }
    return { kind: 'csv', path: draft.path.trim(), csvFlavour: draft.csvFlavour }
  }
  const table = draft.table.trim() || 'results'
  if (!/^[A-Za-z0-9_]{1,64}$/.test(table)) {
    errors['sink.table'] = 'Use letters, digits and _ only.'
  }
  if (draft.kind === 'mariadb') {
    if (!draft.connectionId) errors['sink.connectionId'] = 'Pick a connection.'
    if (!draft.schema) errors['sink.schema'] = 'Pick the output schema.'
  }
  const routing = parseRouting(draft.routing)
  if (!routing.ok) errors['sink.routing'] = `Cannot read "${routing.line}": use SOURCE_ID → group.`
  const template = draft.template.trim() || 'panel_{group}'
  if (!/^[A-Za-z0-9_]*\{group\}[A-Za-z0-9_]*$/.test(template))
    errors['sink.template'] = 'Use letters, digits, _ and one {group}, e.g. panel_{group}.'
  if (!routing.ok || Object.keys(errors).some((k) => k.startsWith('sink.'))) return null
  const hasGroups = Object.keys(routing.groups).length > 0
  if (draft.kind === 'sqlite') {
    return {
      kind: 'sqlite',
      // Empty: the core writes <dataDir>/outputs/<taskId>.sqlite.
      ...(draft.path.trim() ? { path: draft.path.trim() } : {}),
      table,
      ...(hasGroups ? { routing: { groups: routing.groups, template } } : {}),
    }
  }
  return {
    kind: 'mariadb',
    connection: { connectionId: draft.connectionId },
    schema: draft.schema,
    table,
    ...(hasGroups ? { routing: { groups: routing.groups, template } } : {}),
  }
}

/** The whole form → predict.start params, or every error at once (keyed by field path). */
export function buildStartParams(
  draft: TaskDraft,
  versions: readonly ModelVersionSummary[] = [],
): { ok: true; params: MethodParams<'predict.start'> } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {}
  const sources: SourceParams[] = []
  draft.sources.forEach((s, i) => {
    const built = buildSource(s, `sources.${i}`)
    if (built.ok) sources.push(built.spec)
    else Object.assign(errors, built.errors)
  })
  if (draft.sources.length === 0) errors.sources = 'Add a source.'
  const models: ModelParams[] = []
  draft.models.forEach((m, i) => {
    const built = buildModel(m, `models.${i}`, errors)
    if (built) models.push(built)
  })
  if (draft.models.length === 0) errors.models = 'Add a model.'

  // A model reads one field: every source must map it.
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

  const exclusiveGroups = parseGroups(draft.exclusiveGroups)
  const single = exclusiveGroups.find((g) => g.length < 2)
  if (single) errors.exclusiveGroups = `A group needs two labels or more ("${single.join('')}").`
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
  const unknown = exclusiveGroups.flat().find((l) => !known.has(l))
  if (!errors.exclusiveGroups && allLabelsKnown && unknown)
    errors.exclusiveGroups = `No model has the label "${unknown}".`

  const sink = buildSink(draft.sink, errors)
  const batchSize = Number(draft.batchSize)
  if (!/^\d+$/.test(draft.batchSize.trim()) || batchSize < 1 || batchSize > 100_000)
    errors.batchSize = 'Enter 1 to 100000 rows.'

  if (Object.keys(errors).length > 0 || !sink) return { ok: false, errors }
  return {
    ok: true,
    params: {
      ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
      sources,
      models,
      exclusiveGroups,
      sink,
      batchSize,
    },
  }
}

/** Rows at a measured rate → milliseconds, or null without a usable rate. */
export function estimateMs(rows: number, rowsPerSecond: number | undefined): number | null {
  if (!rowsPerSecond || !Number.isFinite(rowsPerSecond) || rowsPerSecond <= 0) return null
  return (rows / rowsPerSecond) * 1000
}
