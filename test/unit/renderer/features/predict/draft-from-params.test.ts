import { describe, expect, it } from 'vitest'
import type { ModelVersionSummary } from '../../../../../src-main/api/contract/models'
import {
  predictStartParams,
  type PredictStartParams,
} from '../../../../../src-main/api/contract/predicting'
import {
  draftFromParams,
  paramsOfConfig,
} from '../../../../../src-renderer/src/features/predict/draft-from-params'
import { buildStartParams } from '../../../../../src-renderer/src/features/predict/task-form'
import { keepUnfixed } from '../../../../../src-renderer/src/features/predict/form-issues'
import {
  emptyTaskDraft,
  sameDraft,
} from '../../../../../src-renderer/src/features/predict/task-draft'

const VERSION = 'a'.repeat(32)
const CONNECTION = 'c'.repeat(32)
const version = {
  id: VERSION,
  name: 'demo-svm',
  field: 'content',
  labels: ['sport', 'food'],
  createdAt: 1,
} as ModelVersionSummary

const full: PredictStartParams = predictStartParams.parse({
  title: 'Weekly run',
  sources: [
    {
      kind: 'mariadb',
      connection: { connectionId: CONNECTION },
      schema: 'db',
      table: 'posts',
      columns: {
        id: 'id',
        content: 'content',
        author: 'author',
        postTime: 'post_time',
        sourceId: 's_id',
      },
      from: '2024-01-01 00:00:00',
      to: '2024-02-01 00:00:00',
      sourceIds: ['A', 'B'],
    },
    {
      kind: 'file',
      path: '/data/posts.jsonl',
      format: 'jsonl',
      columns: { id: 'id', content: 'text', author: 'user' },
    },
  ],
  models: [
    { model: { kind: 'version', id: VERSION } },
    {
      field: 'author',
      exclusionSetIds: [],
      model: {
        kind: 'keywords',
        name: 'handles',
        version: '2',
        labels: { male: ['先生'], female: ['小姐', 'ms'] },
      },
    },
  ],
  exclusiveGroups: [['male', 'female']],
  sink: {
    kind: 'sqlite',
    path: '/out/r.sqlite',
    table: 'res',
    routing: { groups: { A: 'north', B: 'south' }, template: 'p_{group}' },
  },
  batchSize: 500,
})

describe('draftFromParams', () => {
  it('round-trips every field the form holds back to the same params', () => {
    const { draft, problems } = draftFromParams(full, [version])
    expect(problems).toEqual({})
    const built = buildStartParams(draft, [version])
    expect(built.ok ? predictStartParams.parse(built.params) : built.errors).toEqual(full)
  })

  it('round-trips a CSV sink with its flavour and a model file with chosen exclusion sets', () => {
    const params = predictStartParams.parse({
      sources: [
        { kind: 'sqlite', path: '/in.sqlite', table: 't', columns: { id: 'id', title: 'title' } },
      ],
      models: [{ model: { kind: 'file', path: '/m.audmodel' }, exclusionSetIds: ['x1'] }],
      sink: { kind: 'csv', path: '/out.csv', csvFlavour: 'excel' },
    })
    const { draft, problems } = draftFromParams(params, [])
    expect(problems).toEqual({})
    expect(draft.models[0]?.exclusions).toBe('chosen')
    const built = buildStartParams(draft, [])
    expect(built.ok ? predictStartParams.parse(built.params) : built.errors).toEqual(params)
  })

  it('round-trips a review-below confidence, one for every label or per label', () => {
    for (const review of [{ below: 0.25 }, { below: { sport: 0.3, food: -0.5 }, label: 'check' }]) {
      const params = predictStartParams.parse({
        sources: [
          { kind: 'file', path: '/p.csv', format: 'csv', columns: { id: 'id', content: 'c' } },
        ],
        models: [{ model: { kind: 'version', id: VERSION }, review }],
        sink: { kind: 'csv', path: '/out.csv' },
      })
      const { draft, problems } = draftFromParams(params, [version])
      expect(problems).toEqual({})
      const built = buildStartParams(draft, [version])
      expect(built.ok ? predictStartParams.parse(built.params) : built.errors).toEqual(params)
    }
  })

  it('names a review-below that is not a score or label=score pairs', () => {
    const params = predictStartParams.parse({
      sources: [
        { kind: 'file', path: '/p.csv', format: 'csv', columns: { id: 'id', content: 'c' } },
      ],
      models: [{ model: { kind: 'version', id: VERSION } }],
      sink: { kind: 'csv', path: '/out.csv' },
    })
    const { draft } = draftFromParams(params, [version])
    for (const [text, message] of [
      ['low', /Type a score/],
      ['sport=0.3, food', /"food" is not label=score/],
    ] as const) {
      draft.models[0]!.reviewBelow = text
      const built = buildStartParams(draft, [version])
      expect(built.ok ? null : built.errors['models.0.reviewBelow']).toMatch(message)
    }
  })

  it('says which model version no longer exists and leaves the picker empty', () => {
    const { draft, problems } = draftFromParams(full, [])
    expect(draft.models[0]?.versionId).toBe('')
    expect(problems['models.0.versionId']).toBe(
      'Model version aaaaaaaa… no longer exists (deleted?); pick another version.',
    )
  })

  it('flags what the form cannot hold: connection URLs and an "other" routing group', () => {
    const params = predictStartParams.parse({
      sources: [
        {
          kind: 'mariadb',
          connection: { url: 'mysql://root@h:3306/db' },
          schema: 'db',
          table: 't',
          columns: { id: 'id', content: 'c' },
        },
      ],
      models: [{ model: { kind: 'keywords', name: 'k', labels: { a: ['x'] } } }],
      sink: {
        kind: 'mariadb',
        connection: { url: 'mysql://root@h:3306/out' },
        schema: 'out',
        routing: { groups: { A: 'a' }, otherGroup: 'rest' },
      },
    })
    const { problems } = draftFromParams(params, [])
    expect(Object.keys(problems).sort()).toEqual([
      'sink.connectionId',
      'sink.routing',
      'sources.0.connectionId',
    ])
    expect(problems['sink.routing']).toContain('"rest"')
  })
})

describe('paramsOfConfig', () => {
  it('drops what the core resolved at start and parses the rest', () => {
    const config = {
      ...full,
      resolvedModels: [{ name: 'x', version: '1', field: 'content', resolvedVersion: 'x@1' }],
    }
    expect(paramsOfConfig(config)).toEqual(full)
  })

  it('returns null for a config that is not predict params', () => {
    expect(paramsOfConfig(null)).toBeNull()
    expect(paramsOfConfig('x')).toBeNull()
    expect(paramsOfConfig({ datasetId: 'd' })).toBeNull()
  })
})

describe('keepUnfixed', () => {
  it('drops fixed fields at once, rewords the rest, adds none', () => {
    const shown = { 'sources.0.columns.id': 'Pick the id column.', 'sink.path': 'Enter the path.' }
    const fresh = {
      'sink.path': 'Enter the path of the CSV file to write.',
      batchSize: 'Enter 1 to 100000 rows.',
    }
    expect(keepUnfixed(shown, fresh)).toEqual({
      'sink.path': 'Enter the path of the CSV file to write.',
    })
    expect(keepUnfixed(shown, {})).toEqual({})
  })

  it('the form: fixing the id column clears its error and the count', () => {
    const draft = emptyTaskDraft()
    const first = buildStartParams(draft)
    const shown = first.ok ? {} : first.errors
    expect(shown['sources.0.columns.id']).toBe('Pick the id column.')
    const source = { ...draft.sources[0]!, columns: { ...draft.sources[0]!.columns, id: 'id' } }
    const fixed = buildStartParams({ ...draft, sources: [source] })
    const kept = keepUnfixed(shown, fixed.ok ? {} : fixed.errors)
    expect(kept['sources.0.columns.id']).toBeUndefined()
    expect(Object.keys(kept).length).toBe(Object.keys(shown).length - 1)
  })
})

describe('sameDraft', () => {
  it('ignores list keys, sees typed text', () => {
    const a = emptyTaskDraft()
    const b = emptyTaskDraft()
    expect(a.sources[0]?.key).not.toBe(b.sources[0]?.key)
    expect(sameDraft(a, b)).toBe(true)
    expect(sameDraft(a, { ...b, title: 'x' })).toBe(false)
  })
})
