import type { ModelField } from '../../api/contract/models'
import { packDocs, type PackedDocs } from '../../../src-worker/ml'
import type { DatasetReader } from '../datasets/dataset-reader'

type Packed = PackedDocs & { documentIds: number[] }

export interface CachedDocs {
  key: string
  docs: Packed
}

const MAX_AGE_MS = 15_000

/**
 * The workbench recomputes on every keystroke: the dataset's labelled texts are packed once and reused
 * until the dataset changes (its updated time or labelled count moves).
 */
export function createWorkbenchCache(datasets: DatasetReader) {
  let entry: (CachedDocs & { base: string; at: number }) | null = null

  return {
    get(datasetId: string, field: ModelField): CachedDocs {
      const row = datasets.get(datasetId)
      const key = `${datasetId}:${field}:${row?.updated_at}:${row?.document_count}:${row?.labeled_count}`
      // Relabelling one document may leave the counts alone: a short life bounds how stale gold can be.
      if (entry?.base === key && Date.now() - entry.at < MAX_AGE_MS) return entry
      const ids: number[] = []
      const texts: string[] = []
      const gold: string[][] = []
      for (const chunk of datasets.documents({ datasetId, labeledOnly: true })) {
        for (const doc of chunk) {
          ids.push(doc.id)
          texts.push(doc.fields[field])
          gold.push(doc.labels)
        }
      }
      const docs = {
        ...packDocs({ size: texts.length, fields: { [field]: texts } }, gold),
        documentIds: ids,
      }
      // The time makes the key unique per snapshot, so worker threads never reuse stale texts.
      entry = { base: key, key: `${key}:${Date.now()}`, docs, at: Date.now() }
      return entry
    },
  }
}
