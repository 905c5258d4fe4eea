import type { Split } from '../../api/contract/datasets'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import type { ModelField } from '../../api/contract/models'
import { packDocs, type PackedDocs } from '../../../src-worker/ml'
import type { Sqlite } from '../db/sqlite'
import { CHANGED, DROPPED } from '../../../src-worker/preprocess/exclusions'
import type { ExclusionRunner } from '../preprocessing/exclusion-runner'
import { compileOrReject } from '../preprocessing/compile-exclusions'
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

/** Yields to the event loop, so reading a big dataset never holds other calls for long. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/**
 * Labelled documents of the given splits, with the exclusion sets applied to the model's field exactly as
 * they will be when the model predicts (on worker threads, under the regex budget).
 */
export async function prepareDocs(
  db: Sqlite,
  exclusions: ExclusionRunner,
  datasetId: string,
  splits: readonly (Split | 'none')[],
  field: ModelField,
  sets: readonly ExclusionSnapshot[],
  signal?: AbortSignal,
): Promise<PreparedDocs> {
  compileOrReject(sets)
  const documentIds: number[] = []
  const texts: string[] = []
  const gold: string[][] = []
  for (const chunk of readModelDocuments(db, { datasetId, splits, labeledOnly: true })) {
    for (const doc of chunk) {
      documentIds.push(doc.id)
      texts.push(doc.fields[field])
      gold.push(doc.labels)
    }
    await nextTurn()
  }
  return applyExclusions(
    exclusions,
    sets,
    { documentIds, ids: documentIds.map(String), texts, gold },
    field,
    signal,
  )
}

/** Drops and strips texts as the sets say (see prepareDocs), and packs what is left. */
export async function applyExclusions(
  exclusions: ExclusionRunner,
  sets: readonly ExclusionSnapshot[],
  docs: { documentIds: number[]; ids: string[]; texts: string[]; gold: string[][] },
  field: ModelField,
  signal?: AbortSignal,
): Promise<PreparedDocs> {
  const out = await exclusions.apply(sets, docs.texts, signal)
  const keep = (_: unknown, i: number) => out.status[i] !== DROPPED
  const texts = docs.texts
    .map((text, i) => (out.status[i] === CHANGED ? out.texts[i]! : text))
    .filter(keep)
  const gold = docs.gold.filter(keep)
  const ids = docs.ids.filter(keep)
  const packed = packDocs({ size: texts.length, fields: { [field]: texts } }, gold)
  let dropped = 0
  let changed = 0
  for (const status of out.status) {
    if (status === DROPPED) dropped++
    else if (status === CHANGED) changed++
  }
  return {
    packed: { ...packed, ids },
    documentIds: docs.documentIds.filter(keep),
    texts,
    gold,
    dropped,
    changed,
  }
}
