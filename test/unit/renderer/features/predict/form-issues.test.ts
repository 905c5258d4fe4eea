import { describe, expect, it } from 'vitest'
import {
  changedFields,
  errorsOnLeaving,
  keepUnfixed,
} from '../../../../../src-renderer/src/features/predict/form-issues'
import { buildStartParams } from '../../../../../src-renderer/src/features/predict/task-form'
import {
  emptySource,
  emptyTaskDraft,
  type FormErrors,
  type TaskDraft,
} from '../../../../../src-renderer/src/features/predict/task-draft'

const check = (draft: TaskDraft): FormErrors => {
  const built = buildStartParams(draft)
  return built.ok ? {} : built.errors
}

const withColumn = (draft: TaskDraft, id: string): TaskDraft => {
  const source = draft.sources[0]!
  return { ...draft, sources: [{ ...source, columns: { ...source.columns, id } }] }
}

/** A file source with its columns mapped and a CSV output: a form that can start. */
const validDraft = (): TaskDraft => {
  const draft = emptyTaskDraft()
  const source = { ...draft.sources[0]!, path: '/data/posts.csv' }
  const model = { ...draft.models[0]!, labels: [{ key: 0, label: 'food', keywords: 'tofu' }] }
  return withColumn(
    {
      ...draft,
      sources: [{ ...source, columns: { ...source.columns, content: 'content' } }],
      models: [model],
      sink: { ...draft.sink, path: '/data/out.csv' },
    },
    'id',
  )
}

describe('changedFields', () => {
  it('names the edited value and its parents, not list keys', () => {
    const draft = emptyTaskDraft()
    expect(changedFields(draft, withColumn(draft, 'id'))).toEqual([
      'sources',
      'sources.0',
      'sources.0.columns',
      'sources.0.columns.id',
    ])
    expect(changedFields(draft, { ...draft, batchSize: '5' })).toEqual(['batchSize'])
    expect(changedFields(draft, { ...draft })).toEqual([])
  })

  it('pairs list items by key: removing a source is no edit of the one after it', () => {
    const draft = validDraft()
    const second = { ...emptySource(), path: '/data/b.csv' }
    const two = { ...draft, sources: [...draft.sources, second] }
    expect(changedFields(two, { ...two, sources: [second] })).toEqual(['sources', 'sources.1'])
    // A new source counts as itself, not as edits of its empty fields.
    expect(changedFields(draft, two)).toEqual(['sources', 'sources.1'])
  })
})

describe('the form validated as the user leaves a field', () => {
  it('typing into an untouched field adds no error; leaving it invalid shows its error', () => {
    const before = validDraft()
    expect(check(before)).toEqual({})
    const cleared = withColumn(before, '')
    // While typing: nothing shown yet, so nothing appears.
    expect(keepUnfixed({}, check(cleared))).toEqual({})
    // Leaving it: the edited field's error shows, and only that one.
    const touched = new Set(changedFields(before, cleared))
    const shown = errorsOnLeaving({}, check(cleared), touched)
    expect(shown).toEqual({ 'sources.0.columns.id': 'Pick the id column.' })
  })

  it('fields not edited stay quiet on leaving, even when invalid', () => {
    const draft = emptyTaskDraft()
    const titled = { ...draft, title: 'Weekly' }
    const shown = errorsOnLeaving({}, check(titled), new Set(changedFields(draft, titled)))
    expect(Object.keys(check(titled)).length).toBeGreaterThan(2)
    expect(shown).toEqual({})
  })

  it('a fixed field loses its error at once and the count drops with it', () => {
    const before = validDraft()
    const broken = { ...withColumn(before, ''), batchSize: 'many' }
    const touched = new Set(changedFields(before, broken))
    const shown = errorsOnLeaving({}, check(broken), touched)
    expect(Object.keys(shown)).toEqual(['sources.0.columns.id', 'batchSize'])
    // The edit that fixes the id column clears its error before the field is left.
    const fixed = keepUnfixed(shown, check(withColumn(broken, 'id')))
    expect(fixed).toEqual({ batchSize: 'Enter 1 to 100000 rows.' })
  })

  it('leaving keeps the errors a submit showed, in the fresh wording', () => {
    const draft = emptyTaskDraft()
    const submitted = check(draft)
    const shown = errorsOnLeaving(submitted, check(draft), new Set())
    expect(shown).toEqual(submitted)
  })
})
