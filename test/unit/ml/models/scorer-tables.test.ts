import { describe, expect, it } from 'vitest'
import { decodeModelFile } from '../../../../src-worker/ml/file/model-file'
import { decodeTerms } from '../../../../src-worker/ml/features/term-codec'
import { TermTable } from '../../../../src-worker/ml/features/term-table'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import { KernelMemory } from '../../../../src-worker/ml/models/linear/kernel-memory'
import { LinearScorer } from '../../../../src-worker/ml/models/linear/linear-scorer'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { ModelCache } from '../../../../src-worker/ml/tasks/predict-task'
import { syntheticSet } from '../synthetic'

/** Each test trains a model: generous on a shared, busy machine. */
const TRAINING_MS = 60_000

const train = syntheticSet({ labels: 4, rows: 400, seed: 21 })
const texts = [...syntheticSet({ labels: 4, rows: 100, seed: 22 }).texts, '', '中文 mixed 日本語']
const batch = { size: texts.length, fields: { content: texts } }

function linearModel(): LinearModel {
  return trainModel({ kind: 'logreg', seed: 2 }, train) as LinearModel
}

function linearFile(): Uint8Array {
  return modelToFile(linearModel())
}

describe('scorer tables', () => {
  it(
    'a model loaded over shared tables scores and explains as the model trained here',
    () => {
      const trained = linearModel()
      const file = modelToFile(trained)
      const first = modelFromFile(file).model as LinearModel
      const tables = first.scorerTables()
      expect(tables.memory.buffer).toBeInstanceOf(SharedArrayBuffer)
      expect(tables.rows.buffer).toBeInstanceOf(SharedArrayBuffer)
      expect(tables.vocabulary.slots.buffer).toBeInstanceOf(SharedArrayBuffer)
      // As another thread receives them: cloned views over the same memory.
      const other = modelFromFile(file, { tables: structuredClone(tables) }).model as LinearModel
      const want = trained.predictBatch(batch, { explain: true })
      for (const model of [first, other]) {
        const got = model.predictBatch(batch, { explain: true })
        expect(got.scores).toEqual(want.scores)
        expect(got.assigned).toEqual(want.assigned)
        expect(got.explanations).toEqual(want.explanations)
      }
    },
    TRAINING_MS,
  )

  it(
    'scorers sharing the tables each keep their own scratch space, long texts included',
    () => {
      const model = modelFromFile(linearFile()).model as LinearModel
      const tables = model.scorerTables()
      const { tokenize } = model.state.tfidf.params
      const width = model.labels.length
      const long = texts.join(' ').repeat(3)
      const all = [...texts, long, ...texts]
      const alone = new LinearScorer(tokenize, tables, width)
      const want = all.map((text) => {
        const raw = new Float32Array(width)
        alone.score(text, raw, 0)
        return raw
      })
      // As two threads would: interleaved, one growing its scratch space for the long text.
      const [a, b] = [0, 1].map(() => new LinearScorer(tokenize, structuredClone(tables), width))
      all.forEach((text, i) => {
        const raw = new Float32Array(width)
        const [first, second] = i % 2 === 0 ? [a!, b!] : [b!, a!]
        first.score(text, raw, 0)
        second.score(all[all.length - 1 - i]!, new Float32Array(width), 0)
        expect(raw).toEqual(want[i])
      })
      expect(long.length).toBeGreaterThan(4096)
    },
    TRAINING_MS,
  )

  it(
    "a loaded model keeps its weights once, in the scorer's rows, and saves the same file",
    () => {
      const file = linearFile()
      const { sections } = decodeModelFile(file).parts
      const model = modelFromFile(file).model as LinearModel
      expect(model.state.weights).toEqual(sections.weights)
      expect(model.state.tfidf.idf).toEqual(sections.idf)
      expect(model.state.tfidf.terms).toEqual(decodeTerms(sections.vocabulary as Uint8Array))
      // Read back on demand, not held: each read is a new array.
      expect(model.state.weights).not.toBe(model.state.weights)
      expect(modelToFile(model)).toEqual(file)
    },
    TRAINING_MS,
  )

  it(
    'threads of a predict task load a model over the tables the first one shared',
    () => {
      const ref = { id: 'm', version: 1, file: linearFile() }
      const tables = new ModelCache().share(ref)!
      const model = new ModelCache().get({ ...ref, tables: structuredClone(tables) })
      const rows = (model as LinearModel).scorerTables().rows
      expect(rows.buffer).toBeInstanceOf(SharedArrayBuffer)
      // The same memory, not a copy: a write through one view shows through the other.
      const before = rows[0]!
      tables.rows[0] = before + 1
      expect(rows[0]).toBe(before + 1)
    },
    TRAINING_MS,
  )
})

describe('TermTable.fromUtf8', () => {
  it('reads a vocabulary section as the terms it holds, in id order', () => {
    const terms = ['new york', 'york', '中文', 'x', 'café', '𠀀𠀁', 'a longer term than four']
    const bytes = new TextEncoder().encode(terms.join('\n'))
    const inKernel = TermTable.fromUtf8(bytes, new KernelMemory().allocate)
    for (const table of [TermTable.fromUtf8(bytes), inKernel]) {
      expect(table.terms()).toEqual(terms)
      terms.forEach((term, id) => {
        expect(table.lookup(term, 0, term.length, -1, -1)).toBe(id)
        expect(table.term(id)).toBe(term)
      })
      expect(table.lookup('in new york', 3, 6, 7, 11)).toBe(0)
      expect(table.lookup('yorks', 0, 5, -1, -1)).toBe(-1)
    }
    expect(TermTable.fromUtf8(new Uint8Array(0)).size).toBe(0)
  })
})
