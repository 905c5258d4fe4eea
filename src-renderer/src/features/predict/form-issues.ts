import type { ZodError } from 'zod'
import type { FormErrors, SourceKind, TaskDraft } from './task-draft'

/** A contract issue's path relative to one source → the form field and what the user should do. */
function sourceIssue(rest: string, kind: SourceKind): [string, string] | null {
  if (rest.startsWith('connection')) return ['connectionId', 'Pick a connection.']
  if (rest === 'schema') return ['schema', 'Pick a schema.']
  if (rest === 'table')
    return ['table', kind === 'mariadb' ? 'Pick a table.' : 'Enter the table to read.']
  if (rest === 'path') return ['path', 'Enter the path of the file.']
  if (rest === 'columns.id') return ['columns.id', 'Pick the id column.']
  if (rest === 'columns')
    return ['columns.content', 'Map at least one text column: content, title or author.']
  return null
}

const MODEL_ISSUES: Record<string, [string, string]> = {
  'model.id': ['versionId', 'Pick a model version.'],
  'model.path': ['path', 'Enter the path of a .audmodel file.'],
  'model.name': ['name', 'Name the model; output rows record it.'],
}

const SINK_ISSUES: Record<string, [string, string]> = {
  path: ['path', 'Enter the path of the CSV file to write.'],
  table: ['table', 'Use letters, digits and _ only.'],
  schema: ['schema', 'Pick the output schema.'],
  'routing.template': ['template', 'Use letters, digits, _ and one {group}, e.g. panel_{group}.'],
}

const TOP_ISSUES: Record<string, string> = {
  sources: 'Add a source.',
  models: 'Add a model.',
  batchSize: 'Enter 1 to 100000 rows.',
}

/** Where a contract issue about one source belongs in the form, under `prefix`. */
export function sourceIssueField(
  rest: string,
  kind: SourceKind,
  prefix: string,
  message: string,
): [string, string] {
  const known = sourceIssue(rest, kind)
  return known ? [`${prefix}.${known[0]}`, known[1]] : [`${prefix}.${rest}`, message]
}

/** One contract issue → the form field it belongs to and the form's wording for it. */
function issueField(
  path: string,
  message: string,
  draft: TaskDraft,
  groups: readonly string[][],
): [string, string] | null {
  // Keyword label rows are checked row by row by the form; the contract sees only their record.
  if (/^models\.\d+\.model\.labels/.test(path)) return null
  const top = TOP_ISSUES[path]
  if (top) return [path, top]
  const source = /^(sources\.(\d+))\.(.+)$/.exec(path)
  if (source?.[1] && source[3]) {
    const kind = draft.sources[Number(source[2])]?.kind ?? 'file'
    return sourceIssueField(source[3], kind, source[1], message)
  }
  const model = /^(models\.\d+)\.(.+)$/.exec(path)
  const modelIssue = model?.[2] ? MODEL_ISSUES[model[2]] : undefined
  if (model?.[1] && modelIssue) return [`${model[1]}.${modelIssue[0]}`, modelIssue[1]]
  if (path.startsWith('sink.connection')) return ['sink.connectionId', 'Pick a connection.']
  const sinkIssue = SINK_ISSUES[path.replace(/^sink\./, '')]
  if (path.startsWith('sink.') && sinkIssue) return [`sink.${sinkIssue[0]}`, sinkIssue[1]]
  const group = /^exclusiveGroups\.(\d+)$/.exec(path)
  if (group) {
    const labels = groups[Number(group[1])] ?? []
    return ['exclusiveGroups', `A group needs two labels or more ("${labels.join('')}").`]
  }
  return [path, message]
}

/** Adds the contract's issues to the form's errors, one per field, in the form's words. */
export function addContractIssues(
  errors: FormErrors,
  error: ZodError,
  draft: TaskDraft,
  groups: readonly string[][],
): void {
  for (const issue of error.issues) {
    const placed = issueField(issue.path.join('.'), issue.message, draft, groups)
    if (!placed) continue
    const [field, message] = placed
    // A group too small is the first thing to fix in that field, before unknown labels.
    if (field === 'exclusiveGroups') errors[field] = message
    else errors[field] ??= message
  }
}

/**
 * The errors shown after an edit: only those still true (in the fresh check's words). A fixed
 * field's error goes at once, and fields not yet complained about stay quiet until the next submit.
 */
export function keepUnfixed(shown: FormErrors, fresh: FormErrors): FormErrors {
  const kept: FormErrors = {}
  for (const field of Object.keys(shown)) {
    const message = fresh[field]
    if (message !== undefined) kept[field] = message
  }
  return kept
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** What `item` (at `key` of the value after) was before: in a list, the item with the same React key. */
function counterpart(before: Record<string, unknown>, key: string, item: unknown): unknown {
  if (Array.isArray(before) && isRecord(item) && 'key' in item)
    return before.find((b) => isRecord(b) && b['key'] === item['key'])
  return before[key]
}

/**
 * Dotted paths (as FormErrors keys them) of every value that differs between two drafts, with
 * their parents: `sources.0.columns.id`, `sources.0.columns`, `sources.0`, `sources`. List items
 * pair by their key, so removing a source does not count the ones after it as edited; a new
 * item counts as itself only, not its empty fields.
 */
export function changedFields(before: unknown, after: unknown, path = ''): string[] {
  if (Object.is(before, after)) return []
  if (!isRecord(before) || !isRecord(after)) return path ? [path] : []
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const changed = [...keys]
    .filter((k) => k !== 'key')
    .flatMap((k) =>
      changedFields(counterpart(before, k, after[k]), after[k], path ? `${path}.${k}` : k),
    )
  return path && changed.length > 0 ? [path, ...changed] : changed
}

/**
 * The errors shown once the user leaves a field: fixed ones go (as after any edit), and every
 * field the user has edited (`touched`) shows its error now, without waiting for a submit.
 */
export function errorsOnLeaving(
  shown: FormErrors,
  fresh: FormErrors,
  touched: ReadonlySet<string>,
): FormErrors {
  const next = keepUnfixed(shown, fresh)
  for (const [field, message] of Object.entries(fresh))
    if (touched.has(field)) next[field] = message
  return next
}
