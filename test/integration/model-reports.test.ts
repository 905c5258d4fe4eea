import { afterEach, describe, expect, it } from 'vitest'
import { startTestCore } from '../helpers/core-harness'

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const PHRASES: Record<string, string[]> = {
  parent: ['帶小孩去公園', 'my kids love the zoo', '家長會好累', 'school pickup for my son'],
  student: ['明天期中考好緊張', 'final exams this week', '圖書館讀書到半夜', 'my professor'],
  pet: ['我家貓咪好可愛', 'my puppy chewed the sofa', '帶狗狗去散步', 'the cat sleeps'],
}

/** Posts with one or two topics each: "a|b" documents carry both phrases. */
function multiLabelCorpus(rows: number): string {
  const labels = Object.keys(PHRASES)
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    const first = labels[i % 3]!
    const second = i % 4 === 0 ? labels[(i + 1) % 3]! : null
    const phrase = (label: string) => PHRASES[label]![(i * 7) % PHRASES[label]!.length]!
    const text = second ? `${phrase(first)}，${phrase(second)} #${i}` : `${phrase(first)} #${i}`
    lines.push(JSON.stringify({ text, label: second ? [first, second] : [first] }))
  }
  return lines.join('\n') + '\n'
}

async function setup() {
  harness = await startTestCore({ seedDemo: false })
  const { api, core } = harness
  const { taskId } = await api.call('datasets.startImport', {
    target: { newDataset: { name: 'multi' } },
    source: { content: multiLabelCorpus(150), fileName: 'multi.jsonl' },
  })
  expect((await core.tasks.settled(taskId)).status).toBe('SUCCESS')
  const { datasetId } = (await api.call('tasks.show', { id: taskId })).stats as {
    datasetId: string
  }
  await api.call('datasets.split', {
    id: datasetId,
    seed: 3,
    ratios: { train: 0.7, dev: 0.1, test: 0.2 },
  })
  return { ...harness, datasetId }
}

async function train(
  h: Awaited<ReturnType<typeof setup>>,
  params: { kind: 'logreg' | 'keyword'; multiLabel?: boolean; ruleSetId?: string },
) {
  const { taskId } = await h.api.call('models.startTraining', { datasetId: h.datasetId, ...params })
  expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
  const stats = (await h.api.call('tasks.show', { id: taskId })).stats as { modelId: string }
  return h.api.call('models.get', { id: stats.modelId })
}

describe('multi-label reports over the API', () => {
  it('carry exact-match accuracy, Hamming loss, samples F1, per-label counts, a (none) row and column and the baseline', async () => {
    const h = await setup()
    const version = await train(h, { kind: 'logreg', multiLabel: true })
    const report = version.report!
    expect(report.multiLabel).toBe(true)
    const rows = await h.api.call('models.evaluationRows', {
      evaluationId: version.evaluationId!,
      limit: 1000,
    })
    expect(report.rows).toBe(rows.total)
    expect(report.labels).toEqual(['parent', 'pet', 'student'])
    for (const label of report.labels) {
      const { tp, fp, fn, tn } = report.counts![label]!
      expect(tp + fp + fn + tn).toBe(report.rows)
      expect(tp + fn).toBe(report.perLabel[label]!.support)
      const gold = rows.rows.filter((r) => r.gold.includes(label))
      const hit = gold.filter((r) => r.predicted.includes(label))
      expect(tp).toBe(hit.length)
    }
    expect(report.hammingLoss).toBeGreaterThanOrEqual(0)
    expect(report.hammingLoss).toBeLessThan(0.5)
    expect(report.samplesF1).toBe(report.samples!.f1)
    expect(report.baseline).toMatchObject({
      strategy: 'every-label',
      source: 'training',
      labels: ['parent', 'pet', 'student'],
    })
    expect(report.baselineMacroF1).toBe(report.baseline!.macroF1)
    expect(report.macroF1).toBeGreaterThan(report.baselineMacroF1!)
    expect(report.belowBaseline).toBe(false)

    // Labels plus "(none)"; every row of the matrix is listed by the cell filter.
    const { confusion } = report
    expect(confusion.labels).toEqual(['parent', 'pet', 'student', '(none)'])
    expect(confusion.noneIndex).toBe(3)
    const axis = (i: number) => (i === confusion.noneIndex ? null : confusion.labels[i]!)
    for (let g = 0; g < confusion.labels.length; g++) {
      for (let p = 0; p < confusion.labels.length; p++) {
        const cell = await h.api.call('models.evaluationRows', {
          evaluationId: version.evaluationId!,
          gold: axis(g),
          predicted: axis(p),
          limit: 1000,
        })
        // A row adds at most one to a cell: the filter lists exactly the cell's count.
        expect(cell.total).toBe(confusion.matrix[g]![p]!)
      }
    }
    // A perfectly predicted row is only on the diagonal.
    const perfect = rows.rows.find((r) => r.correct && r.gold.length === 2)!
    expect(perfect).toBeDefined()
    const [a, b] = perfect.gold
    for (const [gold, predicted] of [
      [a!, b!],
      [b!, a!],
    ]) {
      const offDiagonal = await h.api.call('models.evaluationRows', {
        evaluationId: version.evaluationId!,
        gold,
        predicted,
        limit: 1000,
      })
      expect(offDiagonal.rows.map((r) => r.id)).not.toContain(perfect.id)
    }

    const [summary] = await h.api.call('models.list', {})
    expect(summary).toMatchObject({ id: version.id, belowBaseline: false })
    expect(summary!.baseline?.strategy).toBe('every-label')
  })

  it('flags a model no better than the trivial baseline in the report and the versions list', async () => {
    const h = await setup()
    // Rules that give every pet post "student" and every student post "pet".
    const rules = await h.api.call('rules.importFiles', {
      name: 'swapped',
      files: [
        {
          fileName: 'student.txt',
          content: '貓咪\tpartially\npuppy\tpartially\n狗狗\tpartially\n',
        },
        { fileName: 'pet.txt', content: '考\tpartially\nexams\tpartially\n圖書館\tpartially\n' },
      ],
    })
    const version = await train(h, { kind: 'keyword', ruleSetId: rules.id })
    const report = version.report!
    expect(report.belowBaseline).toBe(true)
    // A rule model records no training labels: the evaluated rows' own frequencies are used.
    expect(report.baseline).toMatchObject({ strategy: 'every-label', source: 'evaluated' })
    expect(report.macroF1).toBeLessThanOrEqual(report.baselineMacroF1!)
    const [summary] = await h.api.call('models.list', {})
    expect(summary).toMatchObject({ id: version.id, belowBaseline: true })
  })

  it('reads reports saved before these fields existed as "not measured"', async () => {
    const h = await setup()
    const version = await train(h, { kind: 'logreg', multiLabel: true })
    const { counts: _c, hammingLoss: _h, samplesF1: _s, baseline: _b, ...rest } = version.report!
    const { baselineMacroF1: _m, belowBaseline: _x, ...older } = rest
    const old = { ...older, confusion: { labels: ['a'], matrix: [[1]] } }
    h.core.db
      .prepare('UPDATE model_versions SET report = ? WHERE id = ?')
      .run(JSON.stringify(old), version.id)
    h.core.db
      .prepare('UPDATE evaluations SET report = ? WHERE id = ?')
      .run(JSON.stringify(old), version.evaluationId)
    const read = await h.api.call('models.get', { id: version.id })
    expect(read.report).toMatchObject({
      counts: null,
      hammingLoss: null,
      samplesF1: version.report!.samples!.f1,
      baseline: null,
      baselineMacroF1: null,
      belowBaseline: false,
      confusion: { labels: ['a'], matrix: [[1]], noneIndex: null },
    })
    const [summary] = await h.api.call('models.list', {})
    expect(summary).toMatchObject({ belowBaseline: false, baseline: null })
    const evaluation = await h.api.call('models.getEvaluation', {
      evaluationId: version.evaluationId!,
    })
    expect(evaluation.report.confusion.noneIndex).toBeNull()
  })
})
