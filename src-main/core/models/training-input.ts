import type { Split } from '../../api/contract/datasets'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import type { ModelField } from '../../api/contract/models'
import { packDocs, type PackedDocs } from '../../../src-worker/ml'
import type { Sqlite } from '../db/sqlite'
import { compileOrReject } from '../preprocessing/preprocessing.service'
import { readModelDocuments } from './dataset-documents'

export interface PreparedDocs {
  packed: PackedDocs & { ids: string[] }
  documentIds: number[]
  texts: string[]
  gold: string[][]
  /** Documents an exclusion set dropped, and texts it changed. */
  dropped: number
  changed: number
}

/**
 * Labelled documents of the given splits, with the exclusion sets applied to the model's field exactly as
 * they will be when the model predicts.
 */
export function prepareDocs(
  db: Sqlite,
  datasetId: string,
  splits: readonly (Split | 'none')[],
  field: ModelField,
  exclusions: readonly ExclusionSnapshot[],
): PreparedDocs {
  const compiled = compileOrReject(exclusions)
  const documentIds: number[] = []
  const texts: string[] = []
  const gold: string[][] = []
  let dropped = 0
  let changed = 0
  for (const chunk of readModelDocuments(db, { datasetId, splits, labeledOnly: true })) {
    for (const doc of chunk) {
      const outcome = compiled.apply(doc.fields[field])
      if (outcome.dropped) {
        dropped++
        continue
      }
      if (outcome.changed) changed++
      documentIds.push(doc.id)
      texts.push(outcome.text)
      gold.push(doc.labels)
    }
  }
  const packed = packDocs({ size: texts.length, fields: { [field]: texts } }, gold)
  return {
    packed: { ...packed, ids: documentIds.map(String) },
    documentIds,
    texts,
    gold,
    dropped,
    changed,
  }
}
