import { describe, expect, it } from 'vitest'
import { decodeModelFile } from '../../../../src-worker/ml/file/model-file'
import { decodeTerms } from '../../../../src-worker/ml/features/term-codec'
import { TermTable } from '../../../../src-worker/ml/features/term-table'
import type { LinearModel } from '../../../../src-worker/ml/models/linear/linear-model'
import { sharedBuffer } from '../../../../src-worker/ml/models/linear/scorer-tables'
import { modelFromFile, modelToFile, trainModel } from '../../../../src-worker/ml/models/registry'
import { ModelCache } from '../../../../src-worker/ml/tasks/predict-task'
import { syntheticSet } from '../synthetic'

/** Each test trains a model: generous on a shared, busy machine. */
const TRAINING_MS = 60_000

const train = syntheticSet({ labels: 4, rows: 400, seed: 21 })
const texts = [...syntheticSet({ labels: 4, rows: 100, seed: 22 }).texts, '', '中文 mixed 日本語']
const batch = { size: texts.length, fields: { content: texts } }

function linearFile(): Uint8Array {
  return modelToFile(trainModel({ kind: 'logreg', seed: 2 }, train))
}

describe('scorer tables', () => {
  it(
    'a model loaded over shared tables scores and explains as one loaded from its file',
    () => {
      const file = linearFile()
      const own = modelFromFile(file).model as LinearModel
      const first = modelFromFile(file, { allocate: sharedBuffer }).model as LinearModel
      const tables = first.scorerTables()
      expect(tables.rows.buffer).toBeInstanceOf(SharedArrayBuffer)
      expect(tables.vocabulary.slots.buffer).toBeInstanceOf(SharedArrayBuffer)
      // As another thread receives them: cloned views over the same memory.
      const other = modelFromFile(file, { tables: structuredClone(tables) }).model as LinearModel
      const want = own.predictBatch(batch, { explain: true })
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
    for (const table of [TermTable.fromUtf8(bytes), TermTable.fromUtf8(bytes, sharedBuffer)]) {
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
