import type { CsvFlavour } from '@api/contract/common'
import type { TextField } from '@api/dto'

/** The predict form's editable state: text as typed, turned into predict.start params by task-form. */

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
  /** Review-below confidence: '' (none), one number, or `label=number` pairs split by commas. */
  reviewBelow: string
  /** The label such rows are written with ('' = review). */
  reviewLabel: string
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
  reviewBelow: '',
  reviewLabel: '',
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

/** Drafts compared by what the user typed: the list keys React needs are left out. */
export const sameDraft = (a: TaskDraft, b: TaskDraft): boolean => {
  const text = (d: TaskDraft) => JSON.stringify(d, (k, v: unknown) => (k === 'key' ? undefined : v))
  return text(a) === text(b)
}

/** Field errors keyed by a dotted path: `sources.0.to`, `models.1.labels.0.keywords`, `sink.path`. */
export type FormErrors = Record<string, string>
