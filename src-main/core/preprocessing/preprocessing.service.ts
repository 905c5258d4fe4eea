import type {
  ExclusionSet,
  ExclusionSnapshot,
  ExclusionTestResult,
} from '../../api/contract/preprocessing'
import { ApiError } from '../../api/errors'
import type { FieldName } from '../../../src-worker/ml/models/model'
import { DROPPED, KEPT, patternAt } from '../../../src-worker/preprocess/exclusions'
import type { Sqlite } from '../db/sqlite'
import { newId } from '../ids'
import { compileOrReject } from './compile-exclusions'
import { readModelDocuments } from '../models/dataset-documents'
import type { ExclusionRunner } from './exclusion-runner'
import { createPreprocessingRepo } from './preprocessing.repo'

type Draft = Pick<ExclusionSet, 'name' | 'mode' | 'patterns' | 'caseSensitive'>

export function createPreprocessingService(
  db: Sqlite,
  exclusions: ExclusionRunner,
  now: () => number = Date.now,
) {
  const repo = createPreprocessingRepo(db)
  const mustGet = (id: string): ExclusionSet => {
    const set = repo.get(id)
    if (!set)
      throw new ApiError('NOT_FOUND', `Exclusion set ${id} does not exist. Refresh the list.`)
    return set
  }

  return {
    list: () => repo.list(),
    get: mustGet,

    save(input: Draft & { id?: string }): ExclusionSet {
      compileOrReject([{ ...input, id: input.id ?? 'draft', version: 0 }])
      const clash = repo.findByName(input.name)
      if (clash && clash.id !== input.id) {
        throw new ApiError(
          'CONFLICT',
          `An exclusion set named "${input.name}" exists. Choose another name.`,
        )
      }
      if (input.id) mustGet(input.id)
      const id = input.id ?? newId()
      repo.save({ ...input, id }, input.id === undefined, now())
      return mustGet(id)
    },

    remove(id: string): { deleted: true } {
      mustGet(id)
      repo.remove(id)
      return { deleted: true }
    },

    /** The current revisions of the given sets, as a model version records them. */
    snapshot(ids: readonly string[]): ExclusionSnapshot[] {
      return ids.map((id) => {
        const { name, mode, patterns, caseSensitive, version } = mustGet(id)
        return { id, name, mode, patterns, caseSensitive, version }
      })
    },

    /** Runs on a worker thread under the regex budget; the documents are read here, chunk by chunk. */
    async test(input: {
      datasetId: string
      setId?: string
      draft?: Draft
      field: FieldName
      examples: number
    }): Promise<ExclusionTestResult> {
      const spec: ExclusionSnapshot = input.setId
        ? mustGet(input.setId)
        : { ...input.draft!, id: 'draft', version: 0 }
      compileOrReject([spec])
      const ids: number[] = []
      const texts: string[] = []
      for (const chunk of readModelDocuments(db, { datasetId: input.datasetId })) {
        for (const doc of chunk) {
          ids.push(doc.id)
          texts.push(doc.fields[input.field])
        }
        await new Promise((resolve) => setImmediate(resolve))
      }
      const out = await exclusions.apply([spec], texts)
      const result: ExclusionTestResult = {
        documents: texts.length,
        dropped: 0,
        changed: 0,
        examples: [],
      }
      out.status.forEach((status, i) => {
        if (status === KEPT) return
        if (status === DROPPED) result.dropped++
        else result.changed++
        if (result.examples.length < input.examples) {
          result.examples.push({
            documentId: ids[i]!,
            before: texts[i]!,
            after: status === DROPPED ? null : out.texts[i]!,
            matchedBy: patternAt([spec], out.matched[i]!) ?? '',
          })
        }
      })
      return result
    },
  }
}

export type PreprocessingService = ReturnType<typeof createPreprocessingService>
