import { describe, expect, it } from 'vitest'
import { predictingSchemas } from '../../../../../src-main/api/contract/predicting'
import {
  buildSource,
  buildStartParams,
} from '../../../../../src-renderer/src/features/predict/task-form'
import {
  emptySource,
  emptyTaskDraft,
  type SourceDraft,
  type TaskDraft,
} from '../../../../../src-renderer/src/features/predict/task-draft'
import {
  estimateMs,
  normalizeDateTime,
  parseGroups,
  parseKeywords,
  parseRouting,
} from '../../../../../src-renderer/src/features/predict/draft-text'

const csvSource = (patch: Partial<SourceDraft> = {}): SourceDraft => ({
  ...emptySource('file'),
  path: '/data/posts.csv',
  columns: {
    id: 'id',
    content: 'content',
    title: '',
    author: 'author',
    sourceId: '',
    postTime: 'post_time',
  },
  ...patch,
})

function validDraft(): TaskDraft {
  const draft = emptyTaskDraft()
  draft.sources = [csvSource()]
  const model = draft.models[0]!
  model.name = 'gender'
  model.labels = [
    { key: 1, label: 'male', keywords: 'my wife\nbeard' },
    { key: 2, label: 'female', keywords: 'my husband' },
  ]
  draft.exclusiveGroups = 'male, female'
  draft.sink = { ...draft.sink, kind: 'csv', path: '/tmp/out.csv' }
  return draft
}

describe('normalizeDateTime', () => {
  it('accepts dates and date-times, with a space or a T, and pads them', () => {
    expect(normalizeDateTime('2024-01-02')).toBe('2024-01-02 00:00:00')
    expect(normalizeDateTime(' 2024-01-02T03:04 ')).toBe('2024-01-02 03:04:00')
    expect(normalizeDateTime('2024-01-02 03:04:05')).toBe('2024-01-02 03:04:05')
  })

  it('rejects malformed and impossible dates', () => {
    expect(normalizeDateTime('2024/01/02')).toBeNull()
    expect(normalizeDateTime('2024-02-30')).toBeNull()
    expect(normalizeDateTime('yesterday')).toBeNull()
  })
})

describe('parsers', () => {
  it('reads keywords from lines and from a pasted rules file', () => {
    const rules =
      '# Keywords that suggest "male".\n我老婆\tcontains\nas a guy\tword\n\nmy wife\nmy wife\n'
    expect(parseKeywords(rules)).toEqual(['我老婆', 'as a guy', 'my wife'])
  })

  it('reads exclusive groups, one per line', () => {
    expect(parseGroups('male, female\n\nmarried，unmarried\n')).toEqual([
      ['male', 'female'],
      ['married', 'unmarried'],
    ])
  })

  it('reads routing lines with →, ->, = or :, and names the line it cannot read', () => {
    expect(parseRouting('WH_F0001 → ptt\nWH_F0002->dcard\nWH_F0003 = news')).toEqual({
      ok: true,
      groups: { WH_F0001: 'ptt', WH_F0002: 'dcard', WH_F0003: 'news' },
    })
    expect(parseRouting('WH_F0001 ptt')).toEqual({ ok: false, line: 'WH_F0001 ptt' })
  })
})

describe('buildSource', () => {
  it('builds an embedded CSV source with its mapping and normalized range', () => {
    const built = buildSource(csvSource({ from: '2024-01-01', to: '2024-07-01' }))
    expect(built).toEqual({
      ok: true,
      spec: {
        kind: 'file',
        path: '/data/posts.csv',
        format: 'csv',
        columns: { id: 'id', content: 'content', author: 'author', postTime: 'post_time' },
        from: '2024-01-01 00:00:00',
        to: '2024-07-01 00:00:00',
      },
    })
    if (built.ok)
      expect(predictingSchemas['predict.preview'].safeParse({ source: built.spec }).success).toBe(
        true,
      )
  })

  it('requires from to be earlier than to', () => {
    const built = buildSource(csvSource({ from: '2024-07-01', to: '2024-07-01' }), 'sources.0')
    expect(built).toEqual({
      ok: false,
      errors: { 'sources.0.to': '"To" must be later than "from" (2024-07-01 00:00:00).' },
    })
  })

  it('requires an id, a text column, and the columns the filters use', () => {
    const draft = csvSource({ from: '2024-01-01', sourceIds: 'A, B' })
    draft.columns = { id: '', content: '', title: '', author: '', sourceId: '', postTime: '' }
    const built = buildSource(draft, 's')
    expect(built.ok).toBe(false)
    if (!built.ok)
      expect(Object.keys(built.errors).sort()).toEqual([
        's.columns.content',
        's.columns.id',
        's.columns.postTime',
        's.columns.sourceId',
      ])
  })

  it('builds a MariaDB source from a saved connection', () => {
    const built = buildSource({
      ...csvSource(),
      kind: 'mariadb',
      connectionId: 'a'.repeat(32),
      schema: 'social',
      table: 'posts',
      sourceIds: 'WH_F0001 WH_F0002',
      columns: {
        id: 'id',
        content: 'content',
        title: '',
        author: '',
        sourceId: 's_id',
        postTime: '',
      },
    })
    expect(built.ok && built.spec).toEqual({
      kind: 'mariadb',
      connection: { connectionId: 'a'.repeat(32) },
      schema: 'social',
      table: 'posts',
      columns: { id: 'id', content: 'content', sourceId: 's_id' },
      sourceIds: ['WH_F0001', 'WH_F0002'],
    })
  })
})

describe('buildStartParams', () => {
  it('builds params the contract accepts', () => {
    const built = buildStartParams(validDraft())
    expect(built.ok).toBe(true)
    if (!built.ok) return
    expect(built.params.models).toEqual([
      {
        model: {
          kind: 'keywords',
          name: 'gender',
          version: '1',
          labels: { male: ['my wife', 'beard'], female: ['my husband'] },
        },
      },
    ])
    expect(built.params.exclusiveGroups).toEqual([['male', 'female']])
    expect(built.params.batchSize).toBe(10_000)
    expect(predictingSchemas['predict.start'].safeParse(built.params).success).toBe(true)
  })

  it('reports a model field no source maps, unknown group labels and a missing sink path', () => {
    const draft = validDraft()
    draft.models[0]!.field = 'title'
    draft.exclusiveGroups = 'male, other'
    draft.sink.path = ''
    const built = buildStartParams(draft)
    expect(built.ok).toBe(false)
    if (built.ok) return
    expect(built.errors['models.0.field']).toContain('maps no title column')
    expect(built.errors.exclusiveGroups).toBe('No model has the label "other".')
    expect(built.errors['sink.path']).toBeDefined()
  })

  it('builds a MariaDB sink with routing into one table per group', () => {
    const draft = validDraft()
    draft.sink = {
      kind: 'mariadb',
      connectionId: 'b'.repeat(32),
      schema: 'out',
      table: 'results',
      path: '',
      routing: 'WH_F0001 → ptt',
      template: 'panel_{group}',
      csvFlavour: 'raw',
    }
    const built = buildStartParams(draft)
    expect(built.ok && built.params.sink).toEqual({
      kind: 'mariadb',
      connection: { connectionId: 'b'.repeat(32) },
      schema: 'out',
      table: 'results',
      routing: { groups: { WH_F0001: 'ptt' }, template: 'panel_{group}' },
    })
  })

  it('rejects duplicate labels, empty keyword lists and a bad batch size', () => {
    const draft = validDraft()
    draft.models[0]!.labels = [
      { key: 1, label: 'male', keywords: '# only a comment' },
      { key: 2, label: 'male', keywords: 'x' },
    ]
    draft.exclusiveGroups = ''
    draft.batchSize = '0'
    const built = buildStartParams(draft)
    expect(built.ok ? {} : built.errors).toEqual({
      'models.0.labels.0.keywords': 'Enter at least one keyword.',
      'models.0.labels.1.label': '"male" is listed twice.',
      batchSize: 'Enter 1 to 100000 rows.',
    })
  })
})

describe('contract issues in the form words', () => {
  it('places the schema issues on the fields, with what to do', () => {
    const draft = validDraft()
    draft.sources = [{ ...csvSource(), kind: 'mariadb' }]
    draft.models[0] = { ...draft.models[0]!, kind: 'version', versionId: '' }
    draft.sink = {
      ...draft.sink,
      kind: 'mariadb',
      table: 'bad-name',
      routing: 'A → a',
      template: 'no_group',
    }
    draft.exclusiveGroups = 'male'
    draft.batchSize = 'ten'
    const built = buildStartParams(draft)
    expect(built.ok ? {} : built.errors).toEqual({
      'sources.0.connectionId': 'Pick a connection.',
      'sources.0.schema': 'Pick a schema.',
      'sources.0.table': 'Pick a table.',
      'models.0.versionId': 'Pick a model version.',
      'sink.connectionId': 'Pick a connection.',
      'sink.schema': 'Pick the output schema.',
      'sink.table': 'Use letters, digits and _ only.',
      'sink.template': 'Use letters, digits, _ and one {group}, e.g. panel_{group}.',
      exclusiveGroups: 'A group needs two labels or more ("male").',
      batchSize: 'Enter 1 to 100000 rows.',
    })
  })
})

describe('model versions and exclusion sets', () => {
  const version = {
    id: 'c'.repeat(32),
    name: 'gender-svm',
    kind: 'linear-svm' as const,
    field: 'author' as const,
    labels: ['male', 'female'],
    origin: 'trained' as const,
    datasetId: null,
    datasetName: null,
    testSplit: null,
    accuracy: null,
    macroF1: 0.9,
    belowBaseline: false,
    baseline: null,
    fileBytes: 1,
    createdAt: 1,
  }

  it('references a saved version, checks its trained field and knows its labels', () => {
    const draft = validDraft()
    draft.models = [{ ...draft.models[0]!, kind: 'version', versionId: version.id }]
    const built = buildStartParams(draft, [version])
    expect(built.ok && built.params.models).toEqual([
      { model: { kind: 'version', id: version.id } },
    ])
    if (built.ok)
      expect(predictingSchemas['predict.start'].safeParse(built.params).success).toBe(true)

    draft.sources[0]!.columns.author = ''
    const unmapped = buildStartParams(draft, [version])
    expect(unmapped.ok ? {} : unmapped.errors).toEqual({
      'models.0.field': 'Source 1 maps no author column: map one or pick another field.',
    })
  })

  it('sends no exclusion sets by default, [] for none, and the picked ones', () => {
    const draft = validDraft()
    const model = draft.models[0]!
    model.exclusions = 'none'
    let built = buildStartParams(draft)
    expect(built.ok && built.params.models[0]?.exclusionSetIds).toEqual([])
    model.exclusions = 'chosen'
    built = buildStartParams(draft)
    expect(built.ok ? {} : built.errors).toEqual({
      'models.0.exclusions': 'Pick at least one exclusion set, or choose "None".',
    })
    model.exclusionSetIds = ['urls']
    built = buildStartParams(draft)
    expect(built.ok && built.params.models[0]?.exclusionSetIds).toEqual(['urls'])
  })

  it('writes a CSV output raw unless Excel is chosen', () => {
    const draft = validDraft()
    let built = buildStartParams(draft)
    expect(built.ok && built.params.sink).toEqual({
      kind: 'csv',
      path: '/tmp/out.csv',
      csvFlavour: 'raw',
    })
    draft.sink.csvFlavour = 'excel'
    built = buildStartParams(draft)
    expect(built.ok && built.params.sink).toMatchObject({ kind: 'csv', csvFlavour: 'excel' })
    expect(predictingSchemas['predict.start'].safeParse(built.ok && built.params).success).toBe(
      true,
    )
  })

  it('lets a SQLite sink default its path into the workspace', () => {
    const draft = validDraft()
    draft.sink = { ...draft.sink, kind: 'sqlite', path: '', table: 'labels' }
    const built = buildStartParams(draft)
    expect(built.ok && built.params.sink).toEqual({ kind: 'sqlite', table: 'labels' })
  })
})

describe('estimateMs', () => {
  it('times rows at a measured rate, and gives up without one', () => {
    expect(estimateMs(120_000, 60_000)).toBe(2000)
    expect(estimateMs(10, 0)).toBeNull()
    expect(estimateMs(10, undefined)).toBeNull()
  })
})
