import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { classificationReport } from '../../src-worker/ml'
import { readDelimitedText } from '../../src-worker/ml/io/delimited-reader'
import { readXlsxRows } from '../../src-worker/ml/io/xlsx'
import { modelFromFile } from '../../src-worker/ml'
import { startTestCore } from '../helpers/core-harness'
import { createBatchGate } from '../helpers/gate'
import { cp950 } from '../helpers/legacy-encodings'
import { importCorpus } from '../helpers/modeling-data'

let harness: Awaited<ReturnType<typeof startTestCore>> | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const gate = createBatchGate()

async function setup() {
  harness = await startTestCore({ seedDemo: false, testGates: { trainingSave: gate.hook } })
  const datasetId = await importCorpus(harness.api, harness.core, 'corpus')
  return { ...harness, datasetId }
}

async function train(h: Awaited<ReturnType<typeof setup>>, params: Record<string, unknown>) {
  const { taskId } = await h.api.call('models.startTraining', {
    datasetId: h.datasetId,
    kind: 'nb',
    ...params,
  })
  const task = await h.core.tasks.settled(taskId)
  return {
    task,
    stats: (await h.api.call('tasks.show', { id: taskId })).stats as Record<string, unknown>,
  }
}

describe('modeling: train, version, evaluate', () => {
  it('trains multi-label models on the demo that label its test split (the SVM once scored 0 %)', async () => {
    harness = await startTestCore()
    const h = harness
    const [demo] = await h.api.call('datasets.list', {})
    for (const kind of ['linear-svm', 'term-weight'] as const) {
      const { taskId } = await h.api.call('models.startTraining', { datasetId: demo!.id, kind })
      expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const { stats } = await h.api.call('tasks.show', { id: taskId })
      const modelId = (stats as { modelId: string }).modelId
      const version = await h.api.call('models.get', { id: modelId })
      expect(version.report!.multiLabel).toBe(true)
      expect(version.params).toMatchObject({ multiLabel: true })
      expect(version.report!.macroF1).toBeGreaterThanOrEqual(0.85)
    }
  })

  it('trains the SVM in the pool on 2 solver threads to the same model file as on 1', async () => {
    harness = await startTestCore()
    const h = harness
    const [demo] = await h.api.call('datasets.list', {})
    const file = async (threads: number) => {
      const { taskId } = await h.api.call('models.startTraining', {
        datasetId: demo!.id,
        kind: 'linear-svm',
        params: { threads },
      })
      expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const { stats } = await h.api.call('tasks.show', { id: taskId })
      const version = await h.api.call('models.get', { id: (stats as { modelId: string }).modelId })
      return readFileSync(version.filePath)
    }
    expect((await file(2)).equals(await file(1))).toBe(true)
  }, 120_000)

  it('trains automatically on the demo: the version is the chosen kind with its CV table, and labels the test split', async () => {
    harness = await startTestCore()
    const h = harness
    const [demo] = await h.api.call('datasets.list', {})
    const started = async (params: {
      kind: 'auto' | 'cnb' | 'linear-svm'
      params?: Record<string, number>
      crossValidate?: number
    }) => {
      const { taskId } = await h.api.call('models.startTraining', {
        datasetId: demo!.id,
        ...params,
      })
      expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
      const { stats } = await h.api.call('tasks.show', { id: taskId })
      return h.api.call('models.get', { id: (stats as { modelId: string }).modelId })
    }
    // A budget no run reaches, so the search does not depend on the machine's speed.
    const auto = await started({ kind: 'auto', params: { timeBudget: 100_000 } })
    expect(['nb', 'cnb', 'linear-svm', 'logreg']).toContain(auto.kind)
    expect(auto.name).toBe('Automatic on Demo: audience posts')
    expect(auto.selection).toMatchObject({ method: 'auto', folds: 5, budgetSeconds: 100_000 })
    const chosen = auto.selection!.candidates.filter((c) => c.chosen)
    expect(chosen).toHaveLength(1)
    expect(chosen[0]!.kind).toBe(auto.kind)
    expect(auto.params).toMatchObject({ selectedBy: 'auto', features: chosen[0]!.features })
    expect(auto.report!.macroF1).toBeGreaterThanOrEqual(0.9)
    const scored = await started({ kind: 'cnb', crossValidate: 5 })
    expect(scored.selection).toMatchObject({ method: 'fixed', folds: 5 })
    expect(scored.selection!.candidates).toHaveLength(1)
    const plain = await started({ kind: 'linear-svm' })
    expect(plain.selection).toBeNull()
    // Parameters auto does not take are refused before any task starts.
    await expect(
      h.api.call('models.startTraining', { datasetId: demo!.id, kind: 'auto', params: { C: 1 } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/Unknown parameter C for auto; known: timeBudget/),
    })
    await expect(
      h.api.call('models.startTraining', {
        datasetId: demo!.id,
        kind: 'auto',
        params: { timeBudget: 'soon' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/timeBudget/) })
  })

  it('trains in the pool, saves a version whose report matches the engine on the stored details', async () => {
    const h = await setup()
    const { task, stats } = await train(h, { name: 'nb v1' })
    expect(task.status).toBe('SUCCESS')
    const version = await h.api.call('models.get', { id: stats.modelId as string })
    expect(version).toMatchObject({
      name: 'nb v1',
      kind: 'nb',
      origin: 'trained',
      testSplit: 'test',
    })
    expect(version.dataHash).toMatch(/^[0-9a-f]{64}$/)
    expect(version.labels).toEqual(['parent', 'pet', 'student'])
    expect(readFileSync(version.filePath).subarray(0, 8).toString()).toBe('AUDMODEL')

    const rows = await h.api.call('models.evaluationRows', {
      evaluationId: version.evaluationId!,
      limit: 1000,
    })
    expect(rows.total).toBe(stats.testDocuments)
    const recomputed = classificationReport(
      rows.rows.map((r) => r.gold),
      rows.rows.map((r) => r.predicted),
    )
    expect(version.report?.macroF1).toBeCloseTo(recomputed.macroF1, 12)
    expect(version.report?.accuracy).toBeCloseTo(recomputed.accuracy, 12)
    expect(version.report!.accuracy).toBeGreaterThan(0.8)
    expect((await h.api.call('models.list', {})).map((m) => m.id)).toEqual([version.id])
  })

  it('evaluates a saved version on another split, filters rows and exports details', async () => {
    const h = await setup()
    const { stats } = await train(h, {})
    const id = stats.modelId as string
    const { taskId } = await h.api.call('models.startEvaluation', {
      id,
      datasetId: h.datasetId,
      split: 'dev',
    })
    const done = await h.core.tasks.settled(taskId)
    expect(done.status).toBe('SUCCESS')
    const evaluations = await h.api.call('models.listEvaluations', { id })
    expect(evaluations).toHaveLength(2)
    const dev = evaluations.find((e) => e.split === 'dev')!
    const all = await h.api.call('models.evaluationRows', { evaluationId: dev.id, limit: 1000 })
    const cell = await h.api.call('models.evaluationRows', {
      evaluationId: dev.id,
      gold: 'pet',
      predicted: 'pet',
    })
    expect(cell.rows.every((r) => r.gold.includes('pet') && r.predicted.includes('pet'))).toBe(true)
    const errors = await h.api.call('models.evaluationRows', {
      evaluationId: dev.id,
      errorsOnly: true,
    })
    expect(errors.rows.every((r) => !r.correct)).toBe(true)

    const csv = await h.api.call('models.exportEvaluation', { evaluationId: dev.id, format: 'csv' })
    const text = readFileSync(csv.path, 'utf8')
    // Downloads default to the Excel flavour: a byte-order mark first.
    expect(text.startsWith('\uFEFFid,document_id,text,')).toBe(true)
    const lines = text.slice(1).trim().split('\n')
    expect(lines[0]).toBe('id,document_id,text,gold,predicted,correct,scores,matches')
    expect(lines).toHaveLength(all.total + 1)
    expect(csv.relativePath?.startsWith('exports')).toBe(true)
    // The desktop app's Save as: any absolute path, nothing under exports/.
    const chosen = join(h.dataDir, '..', `chosen-${dev.id.slice(0, 6)}`, 'details.csv')
    const saved = await h.api.call('models.exportEvaluation', {
      evaluationId: dev.id,
      format: 'csv',
      path: chosen,
    })
    expect(saved).toMatchObject({ path: chosen, relativePath: null, rows: all.total })
    expect(readFileSync(chosen, 'utf8')).toBe(text)
    await expect(
      h.api.call('models.exportEvaluation', { evaluationId: dev.id, format: 'csv', path: 'x.csv' }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: 'path must be absolute, got "x.csv".' })
    const jsonl = await h.api.call('models.exportEvaluation', {
      evaluationId: dev.id,
      format: 'jsonl',
    })
    const first = JSON.parse(readFileSync(jsonl.path, 'utf8').split('\n')[0]!) as {
      documentId: number
    }
    expect(first.documentId).toBe(all.rows[0]!.documentId)

    // xlsx: the same cells as the raw CSV, read back through the workbook reader.
    const xlsx = await h.api.call('models.exportEvaluation', {
      evaluationId: dev.id,
      format: 'xlsx',
    })
    expect(xlsx).toMatchObject({ rows: all.total })
    expect(xlsx.path.endsWith('.xlsx')).toBe(true)
    const sheet: string[][] = []
    for await (const row of readXlsxRows(xlsx.path, undefined, 'details.xlsx').rows) {
      sheet.push(row.fields)
    }
    const raw = await h.api.call('models.exportEvaluation', {
      evaluationId: dev.id,
      format: 'csv',
      csvFlavour: 'raw',
      path: join(h.dataDir, '..', `raw-${dev.id.slice(0, 6)}`, 'details.csv'),
    })
    const rawCells = readDelimitedText(readFileSync(raw.path, 'utf8'), 'details.csv').map(
      (r) => r.fields,
    )
    expect(sheet).toEqual(rawCells)
  })

  it('evaluates on an external labelled file, from a path or uploaded content, without importing it', async () => {
    const h = await setup()
    const { stats } = await train(h, {})
    const id = stats.modelId as string
    const csv =
      'label,text\npet,我家貓咪好可愛\nstudent,"final exams this week, again"\nparent,帶小孩去公園\n'
    const path = join(h.dataDir, 'external.csv')
    writeFileSync(path, csv)
    const byPath = await h.api.call('models.startEvaluation', { id, file: { path } })
    expect((await h.core.tasks.settled(byPath.taskId)).status).toBe('SUCCESS')
    const byUpload = await h.api.call('models.startEvaluation', {
      id,
      file: { content: csv, fileName: 'external.csv' },
    })
    expect((await h.core.tasks.settled(byUpload.taskId)).status).toBe('SUCCESS')
    const evaluations = (await h.api.call('models.listEvaluations', { id })).filter(
      (e) => e.sourceFile,
    )
    expect(evaluations.map((e) => [e.sourceFile, e.rows]).sort()).toEqual([
      [path, 3],
      ['external.csv', 3],
    ])
    expect(readdirSync(join(h.dataDir, 'tmp', 'uploads'))).toEqual([])
    const rows = await h.api.call('models.evaluationRows', { evaluationId: evaluations[0]!.id })
    expect(rows.rows.map((r) => r.gold)).toEqual([['pet'], ['student'], ['parent']])

    await expect(
      h.api.call('models.startEvaluation', { id, file: { path: 'relative.csv' } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    })
    const noLabels = await h.api.call('models.startEvaluation', {
      id,
      file: { content: 'text\nhello\n', fileName: 'plain.csv' },
    })
    const failed = await h.core.tasks.settled(noLabels.taskId)
    expect(failed).toMatchObject({ status: 'FAILURE', error: { code: 'VALIDATION' } })
  })

  it('evaluates on an uploaded Big5 file with Chinese headers: the core detects and decodes it', async () => {
    const h = await setup()
    const { stats } = await train(h, {})
    const id = stats.modelId as string
    const bytes = cp950('標籤,內容\npet,我家貓咪好可愛，「真的」\nparent,帶小孩去公園\n')
    const upload = await h.api.call('datasets.uploadFile', {
      fileName: '評估.csv',
      contentBase64: bytes.toString('base64'),
    })
    const { taskId } = await h.api.call('models.startEvaluation', {
      id,
      file: { upload: upload.upload, textColumn: '內容', labelColumn: '標籤' },
    })
    expect((await h.core.tasks.settled(taskId)).status).toBe('SUCCESS')
    const evaluation = (await h.api.call('models.listEvaluations', { id })).find(
      (e) => e.sourceFile,
    )
    expect(evaluation).toMatchObject({ sourceFile: '評估.csv', rows: 2 })
    const rows = await h.api.call('models.evaluationRows', { evaluationId: evaluation!.id })
    expect(rows.rows.map((r) => [r.text, r.gold])).toEqual([
      ['我家貓咪好可愛，「真的」', ['pet']],
      ['帶小孩去公園', ['parent']],
    ])
    // The task consumed the upload.
    expect(readdirSync(join(h.dataDir, 'tmp', 'uploads'))).toEqual([])
    await expect(
      h.api.call('models.startEvaluation', {
        id,
        file: { upload: upload.upload },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      h.api.call('models.startEvaluation', {
        id,
        file: { upload: upload.upload, content: 'text\n' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })

  it('aborting a training task leaves no version and no file behind', async () => {
    const h = await setup()
    gate.close(0)
    const { taskId } = await h.api.call('models.startTraining', {
      datasetId: h.datasetId,
      kind: 'logreg',
      params: { C: 1 },
    })
    // Held after the fit, before the save: the model exists in memory and must not reach the disk.
    await gate.reached()
    const aborted = await h.api.call('tasks.abort', { id: taskId })
    gate.open()
    expect(aborted.status).toBe('ABORTED')
    expect(await h.api.call('models.list', {})).toEqual([])
    const leftovers = h.core.db.prepare('SELECT count(*) AS n FROM model_versions').get() as {
      n: number
    }
    expect(leftovers.n).toBe(0)
    const models = join(h.dataDir, 'models')
    expect(existsSync(models) ? readdirSync(models) : []).toEqual([])
  })

  it("rejects a bad model parameter at the call with the engine's message, starting no task", async () => {
    const h = await setup()
    const start = (
      kind: 'nb' | 'linear-svm' | 'keyword',
      params: Record<string, string | number>,
    ) => h.api.call('models.startTraining', { datasetId: h.datasetId, kind, params })
    await expect(start('linear-svm', { Cc: 2 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^Unknown parameter Cc for linear-svm; known: .*\bC\b/),
    })
    await expect(start('nb', { alpha: -1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Parameter alpha=-1 is not valid for nb.',
    })
    expect(await h.api.call('tasks.list', {})).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ kind: 'models.train' })]),
    )
  })

  it('exclusion sets change what training sees and are recorded with the version', async () => {
    const h = await setup()
    const ads = await h.api.call('preprocessing.saveSet', {
      name: 'ads',
      mode: 'drop',
      patterns: ['限時優惠'],
    })
    const plain = await train(h, {})
    const filtered = await train(h, { exclusionSetIds: [ads.id] })
    expect(filtered.stats.excludedDocuments).toBeGreaterThan(0)
    expect(plain.stats.excludedDocuments).toBe(0)
    const a = await h.api.call('models.get', { id: plain.stats.modelId as string })
    const b = await h.api.call('models.get', { id: filtered.stats.modelId as string })
    expect(b.dataHash).not.toBe(a.dataHash)
    expect(b.exclusions).toEqual([expect.objectContaining({ id: ads.id, name: 'ads', version: 1 })])

    const tested = await h.api.call('preprocessing.testSet', {
      datasetId: h.datasetId,
      setId: ads.id,
    })
    expect(tested.dropped).toBeGreaterThan(0)
    expect(tested.examples[0]?.after).toBeNull()
    await expect(
      h.api.call('preprocessing.saveSet', {
        name: 'bad',
        mode: 'strip',
        patterns: ['ok', '(oops'],
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('/(oops/ is invalid'),
    })
  })

  it('builds a keyword model from a rule set and compares it with a classifier', async () => {
    const h = await setup()
    const rules = await h.api.call('rules.importFiles', {
      name: 'topics',
      files: [
        { fileName: 'pet.txt', content: '貓咪\tpartially\npuppy\tpartially\n' },
        { fileName: 'student.txt', content: '考\tpartially\nexams\n' },
      ],
    })
    expect(rules.rules).toHaveLength(4)
    const bench = await h.api.call('rules.workbench', {
      datasetId: h.datasetId,
      draft: { kind: 'keyword', field: 'content', caseSensitive: false, rules: rules.rules },
    })
    expect(bench.rules[0]).toMatchObject({ index: 0, precision: 1 })
    expect(bench.labels.find((l) => l.label === 'pet')!.coverage).toBeGreaterThan(0)
    const narrower = await h.api.call('rules.workbench', {
      datasetId: h.datasetId,
      draft: {
        kind: 'keyword',
        field: 'content',
        caseSensitive: false,
        rules: rules.rules.slice(0, 1),
      },
    })
    expect(narrower.labels.find((l) => l.label === 'pet')!.coverage).toBeLessThan(
      bench.labels.find((l) => l.label === 'pet')!.coverage,
    )

    const keyword = await train(h, { kind: 'keyword', ruleSetId: rules.id })
    expect(keyword.task.status).toBe('SUCCESS')
    const classifier = await train(h, {})
    const comparison = await h.api.call('models.compare', {
      a: keyword.stats.modelId as string,
      b: classifier.stats.modelId as string,
    })
    expect(comparison.comparedRows).toBe(keyword.stats.testDocuments)
    expect(comparison.changedCount).toBeGreaterThan(0)
    expect(comparison.perLabel.map((l) => l.label)).toContain('parent')
  })

  it('exports and imports model files, refuses damaged ones, renames and deletes', async () => {
    const h = await setup()
    const { stats } = await train(h, {})
    const id = stats.modelId as string
    const exported = await h.api.call('models.exportFile', { id })
    const bytes = readFileSync(exported.path)
    const imported = await h.api.call('models.importFile', {
      contentBase64: bytes.toString('base64'),
      name: 'copy',
    })
    expect(imported).toMatchObject({ origin: 'imported', kind: 'nb', name: 'copy' })
    // The decision rule travels in the file: the copy says how it decides, as the original does.
    const original = await h.api.call('models.get', { id })
    expect(original.decisionRule).toMatch(/naive Bayes .* Single-label: the label with the highest/)
    expect(imported.decisionRule).toBe(original.decisionRule)
    const damaged = Buffer.from(bytes)
    const at = damaged.length - 20
    damaged.writeUInt8(damaged.readUInt8(at) ^ 0xff, at)
    await expect(
      h.api.call('models.importFile', { contentBase64: damaged.toString('base64') }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(await h.api.call('models.list', {})).toHaveLength(2)

    // By path, as the desktop's dialogs give them: export to a chosen file, import from one.
    const chosen = join(h.dataDir, 'elsewhere', 'my model.audmodel')
    expect(await h.api.call('models.exportFile', { id, path: chosen })).toEqual({
      path: chosen,
      relativePath: null,
    })
    const byPath = await h.api.call('models.importFile', { path: chosen, name: 'by path' })
    expect(byPath).toMatchObject({ origin: 'imported', kind: 'nb', name: 'by path' })
    const missing = join(h.dataDir, 'no-such.audmodel')
    await expect(h.api.call('models.importFile', { path: missing })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `Cannot read the model file ${missing} (ENOENT). Check that it exists and that you may read it.`,
    })
    expect(await h.api.call('models.list', {})).toHaveLength(3)

    expect((await h.api.call('models.rename', { id, name: 'renamed' })).name).toBe('renamed')
    const tuned = await h.api.call('models.setThreshold', { id, label: 'pet', threshold: 0.9 })
    expect(tuned.thresholds.pet).toBe(0.9)
    // Said again by the model as it now is (its text may name thresholds).
    const file = modelFromFile(new Uint8Array(readFileSync(tuned.filePath)))
    expect(tuned.decisionRule).toBe(file.model.describe().decisionRule)
    expect(file.header.decisionRule).toBe(tuned.decisionRule)
    await h.api.call('models.delete', { id })
    await expect(h.api.call('models.get', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(() => readFileSync(join(h.dataDir, 'models', `${id}.audmodel`))).toThrow()
  })
})

describe('term tables: export, edit, import as a new version', () => {
  it('changes exactly the edited row, keeps the settings, and refuses bad tables', async () => {
    const h = await setup()
    const { stats } = await train(h, { kind: 'term-weight', name: 'terms v1' })
    const id = stats.modelId as string
    const exported = await h.api.call('models.exportTerms', { id })
    expect(exported.relativePath).toMatch(/^exports[/\\]terms-v1-[0-9a-f]{8}-terms\.csv$/)
    const text = readFileSync(exported.path, 'utf8')
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('label,term,weight')
    expect(lines).toHaveLength(exported.rows + 1)
    // Edit one weighted term of the first label: its weight goes up tenfold.
    const at = lines.findIndex(
      (line, i) => i > 0 && !line.includes('(bias)') && !line.startsWith('(idf)'),
    )
    const cells = lines[at]!.split(',')
    cells[cells.length - 1] = String(Number(cells.at(-1)) * 10)
    lines[at] = cells.join(',')
    const edited = lines.join('\n') + '\n'
    const version = await h.api.call('models.importTerms', {
      id,
      content: edited,
      name: 'terms v2',
    })
    expect(version).toMatchObject({ name: 'terms v2', kind: 'term-weight', origin: 'imported' })
    const before = await h.api.call('models.get', { id })
    expect(version.field).toBe(before.field)
    expect(version.thresholds).toEqual(before.thresholds)
    // The new version's table, exported again, is the edited file byte for byte.
    const again = await h.api.call('models.exportTerms', { id: version.id })
    expect(readFileSync(again.path, 'utf8')).toBe(edited)

    const bad = lines.slice()
    bad[2] = 'pet,kitten,heavy'
    await expect(
      h.api.call('models.importTerms', { id, content: bad.join('\n') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/line 3: weight must be a number/),
    })
    const nb = await train(h, {})
    await expect(
      h.api.call('models.exportTerms', { id: nb.stats.modelId as string }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/only term-weight models/),
    })
    const versions = await h.api.call('models.list', {})
    expect(versions.filter((v) => v.name.startsWith('terms'))).toHaveLength(2)
  })
})
