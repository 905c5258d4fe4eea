import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import type { LabelMode } from '../../api/contract/datasets'
import type { Sqlite } from '../db/sqlite'
import type { DatasetService } from './datasets.service'
import { createDocumentsRepo, type NewAnnotation, type NewDocument } from './documents.repo'
import { createHashTable } from './hash-table'
import type { ImportReportBuilder } from './import-report'
import { createPendingImports, type ImportCounts, type PendingImportRow } from './pending-imports'
import type { ReadBatch } from './read-batch-columns'
import { splitForNewDocument } from './split'

export type ImportTarget =
  { datasetId: string } | { newDataset: { name: string; labelMode?: LabelMode } }

/** What an import needs of the dataset service (the writer thread builds its own over its connection). */
export type ImportDatasets = Pick<
  DatasetService,
  | 'requireLive'
  | 'isNameTaken'
  | 'createRow'
  | 'hideUntilImported'
  | 'insertLabel'
  | 'allLabelsOf'
  | 'splitConfig'
  | 'setLabelMode'
>

export interface ImportWriterOptions {
  taskId: string
  target: ImportTarget
  duplicates: 'skip' | 'keep'
  now?: () => number
}

/** Buffered records: records `from` to `to` (exclusive) of a batch, in file order. */
interface Segment {
  batch: ReadBatch
  from: number
  to: number
}

const WAIT_MS = 250
const HASH_CHUNK = 20_000

/**
 * Writes an import's documents straight into the workspace in short transactions (`flush`), where
 * they stay invisible and uncounted until `commit` makes them live in one tiny transaction. A
 * failed or aborted import is `abandon`ed: its rows are removed in the background.
 */
export function createImportWriter(
  db: Sqlite,
  datasets: ImportDatasets,
  options: ImportWriterOptions,
  builder: ImportReportBuilder,
) {
  const now = options.now ?? Date.now
  const imports = createPendingImports(db)
  const documents = createDocumentsRepo(db)
  const report = builder.report
  const counts: ImportCounts = { documents: 0, labeled: 0, perLabel: new Map() }
  let claimed: PendingImportRow | undefined
  let labelIds = new Map<string, number>()
  let split: ReturnType<ImportDatasets['splitConfig']> = null
  let nextId = 0
  let buffer: Segment[] = []
  let buffered = 0
  /** Reused for every row: the repo copies it into its statement's arguments. */
  const doc: NewDocument = {
    id: 0,
    datasetId: '',
    text: '',
    author: null,
    title: null,
    sourceId: null,
    postTime: null,
    meta: null,
    contentHash: '',
    split: null,
    labelCount: 0,
    labeledAt: null,
    createdAt: 0,
  }
  const annotation: NewAnnotation = { documentId: 0, labelId: 0, createdAt: 0 }
  /** The chunk's annotations as (document id, label id) pairs, written after its documents. */
  const annotations: number[] = []
  const suggestions: { documentId: number; id: number; score: number | null }[] = []
  /**
   * Hashes of the chunk being staged, by id from `stagedFrom` (a chunk's ids are consecutive): its
   * documents are not in the table yet.
   */
  const staged: string[] = []
  let stagedFrom = Number.POSITIVE_INFINITY
  const hashes = createHashTable(
    (id, hash) =>
      (id >= stagedFrom ? staged[id - stagedFrom] : documents.contentHashOf(id)) === hash,
  )

  /** Learns the hashes of the dataset's documents, a chunk at a time. */
  async function readHashes(datasetId: string, beforeId: number): Promise<void> {
    for (let after = 0; ;) {
      const rows = documents.hashesAfter(datasetId, after, beforeId, HASH_CHUNK)
      for (const row of rows) hashes.add(row.content_hash, row.id)
      const last = rows.at(-1)
      if (!last || rows.length < HASH_CHUNK) return
      after = last.id
      await nextTurn()
    }
  }

  const claimTx = db.transaction((): PendingImportRow | undefined => {
    const { target } = options
    if ('datasetId' in target) {
      datasets.requireLive(target.datasetId)
      const claim = imports.claim(options.taskId, target.datasetId, false, now())
      return claim && imports.get(claim.id)
    }
    const { name, labelMode } = target.newDataset
    // Hidden until the commit; the provisional mode is settled then from the file's labels.
    const datasetId = datasets.createRow(name, '', labelMode ?? 'multi')
    const claim = imports.claim(options.taskId, datasetId, true, now())
    if (!claim) throw new Error(`dataset ${datasetId} is new yet already claimed`)
    datasets.hideUntilImported(datasetId, claim.id)
    return imports.get(claim.id)
  })

  function ensureLabel(datasetId: string, name: string, importId: number): number {
    let id = labelIds.get(name)
    if (id === undefined) {
      id = datasets.insertLabel(datasetId, { name }, importId)
      labelIds.set(name, id)
      report.labelsCreated.push(name)
    }
    return id
  }

  /** Adds record `i` of the batch to the chunk being written (a duplicate may be left out). */
  function stage(
    row: PendingImportRow,
    { columns: c, labelAt, suggestionAt }: ReadBatch,
    i: number,
    at: number,
  ): void {
    const firstLabel = labelAt[i]!
    const labels = c.labelCount[i]!
    const firstAnnotation = annotations.length
    for (let l = firstLabel; l < firstLabel + labels; l++) {
      annotations.push(0, ensureLabel(row.dataset_id, c.labels[l]!, row.id))
    }
    const firstSuggestion = suggestions.length
    for (let s = suggestionAt[i]!, end = s + c.suggestionCount[i]!; s < end; s++) {
      const id = ensureLabel(row.dataset_id, c.suggestionLabels[s]!, row.id)
      suggestions.push({ documentId: 0, id, score: c.suggestionScores[s] ?? null })
    }
    const hash = c.hash[i]!
    const duplicate = hashes.has(hash)
    if (duplicate) {
      if (options.duplicates === 'skip') {
        report.duplicatesSkipped++
        annotations.length = firstAnnotation
        suggestions.length = firstSuggestion
        return
      }
      report.duplicatesKept++
    }
    const id = nextId++
    const metaAt = c.metaAt[i]!
    doc.id = id
    doc.datasetId = row.dataset_id
    doc.text = c.text[i]!
    doc.author = c.author[i] ?? null
    doc.title = c.title[i] ?? null
    doc.sourceId = c.sourceId[i] ?? null
    doc.postTime = c.postTime[i] ?? null
    doc.meta = metaAt < 0 ? null : JSON.stringify(c.metas[metaAt])
    doc.contentHash = hash
    doc.split = split ? splitForNewDocument(split, hash) : null
    doc.labelCount = labels
    doc.labeledAt = labels > 0 ? at : null
    doc.createdAt = at
    documents.newDocuments.add(doc)
    for (let a = firstAnnotation; a < annotations.length; a += 2) {
      annotations[a] = id
      const labelId = annotations[a + 1]!
      counts.perLabel.set(labelId, (counts.perLabel.get(labelId) ?? 0) + 1)
    }
    for (let s = firstSuggestion; s < suggestions.length; s++) suggestions[s]!.documentId = id
    staged.push(hash)
    if (!duplicate) hashes.add(hash, id)
    counts.documents++
    if (labels > 0) counts.labeled++
    report.imported++
  }

  const flushTx = db.transaction((row: PendingImportRow, segments: Segment[]) => {
    // Other datasets may have taken ids meanwhile: continue after the highest.
    nextId = Math.max(nextId, imports.nextDocumentId())
    // Rows a failed flush left held were rolled back with it: never write them with the next one.
    documents.newDocuments.clear()
    documents.newAnnotations.clear()
    staged.length = 0
    stagedFrom = nextId
    annotations.length = 0
    suggestions.length = 0
    const at = now()
    for (const { batch, from, to } of segments) {
      for (let i = from; i < to; i++) stage(row, batch, i, at)
    }
    // Documents first: annotations and suggestions refer to them.
    documents.newDocuments.end()
    annotation.createdAt = at
    for (let a = 0; a < annotations.length; a += 2) {
      annotation.documentId = annotations[a]!
      annotation.labelId = annotations[a + 1]!
      documents.newAnnotations.add(annotation)
    }
    documents.newAnnotations.end()
    for (const s of suggestions) documents.addSuggestion(s.documentId, s.id, s.score)
  })

  const commitTx = db.transaction((row: PendingImportRow, labelMode: LabelMode | null) => {
    if (labelMode) datasets.setLabelMode(row.dataset_id, labelMode)
    imports.commit(row, counts, now())
  })

  const requireClaim = (): PendingImportRow => {
    if (!claimed) throw new Error('the import writer has not claimed its dataset')
    return claimed
  }

  return {
    /** Buffered records (not written yet). */
    get buffered(): number {
      return buffered
    },

    /**
     * Claims the dataset (creating a new one, hidden) for this import; waits while another import
     * into the same dataset runs, since one dataset takes one import at a time.
     */
    async claim(signal: AbortSignal, onWait: () => void): Promise<void> {
      for (;;) {
        claimed = claimTx.immediate()
        if (claimed) break
        onWait()
        await sleep(WAIT_MS, undefined, { signal })
      }
      const { target } = options
      const existing = 'datasetId' in target
      report.datasetId = claimed.dataset_id
      report.datasetName = existing
        ? datasets.requireLive(target.datasetId).name
        : target.newDataset.name
      labelIds = new Map(datasets.allLabelsOf(claimed.dataset_id).map((l) => [l.name, l.id]))
      split = existing ? datasets.splitConfig(target.datasetId) : null
      nextId = claimed.first_document_id
      if (existing) await readHashes(claimed.dataset_id, claimed.first_document_id)
    },

    /** Buffers record `i` of the batch; records come in file order. */
    add(batch: ReadBatch, i: number): void {
      const last = buffer.at(-1)
      if (last?.batch === batch && last.to === i) last.to++
      else buffer.push({ batch, from: i, to: i + 1 })
      buffered++
    },

    /** Writes the buffered records in one transaction (still invisible); returns how many it read. */
    flush(): number {
      const segments = buffer
      const rows = buffered
      buffer = []
      buffered = 0
      if (rows > 0) flushTx.immediate(requireClaim(), segments)
      return rows
    },

    /** Makes everything live at once; `labelMode` settles a new dataset's mode. */
    commit(labelMode: LabelMode | null): void {
      this.flush()
      commitTx.immediate(requireClaim(), labelMode)
      claimed = undefined
    },

    /** Hands the rows written so far to the background for removal; true when there were any. */
    abandon(): boolean {
      if (!claimed) return false
      imports.markDiscarding(claimed.id)
      claimed = undefined
      return true
    },
  }
}

export type ImportWriter = ReturnType<typeof createImportWriter>
