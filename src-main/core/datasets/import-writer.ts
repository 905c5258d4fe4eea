import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import type { LabelMode } from '../../api/contract/datasets'
import type { Sqlite } from '../db/sqlite'
import type { ParsedRecord } from '../formats/record'
import type { DatasetService } from './datasets.service'
import { createDocumentsRepo, type NewDocument } from './documents.repo'
import { createHashTable } from './hash-table'
import type { ImportReportBuilder } from './import-report'
import { createPendingImports, type ImportCounts, type PendingImportRow } from './pending-imports'
import { splitForNewDocument } from './split'

export type ImportTarget =
  { datasetId: string } | { newDataset: { name: string; labelMode?: LabelMode } }

export interface ImportWriterOptions {
  taskId: string
  target: ImportTarget
  duplicates: 'skip' | 'keep'
  now?: () => number
}

interface Buffered {
  record: ParsedRecord
  hash: string
}

/** One flush's rows, written together with multi-row statements. */
interface Chunk {
  at: number
  documents: NewDocument[]
  annotations: [number, number][]
  suggestions: { documentId: number; id: number; score: number | null }[]
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
  datasets: DatasetService,
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
  let split: ReturnType<DatasetService['splitConfig']> = null
  let nextId = 0
  let buffer: Buffered[] = []
  /** Hashes of the chunk being staged: its documents are not in the table yet. */
  const staged = new Map<number, string>()
  const hashes = createHashTable(
    (id, hash) => (staged.get(id) ?? documents.contentHashOf(id)) === hash,
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

  /** Adds one record to the chunk being written (a duplicate may be left out). */
  function stage(row: PendingImportRow, { record, hash }: Buffered, chunk: Chunk): void {
    const ids = record.labels.map((name) => ensureLabel(row.dataset_id, name, row.id))
    const suggested = record.suggestions.map((s) => ({
      id: ensureLabel(row.dataset_id, s.label, row.id),
      score: s.score,
    }))
    const duplicate = hashes.has(hash)
    if (duplicate) {
      if (options.duplicates === 'skip') {
        report.duplicatesSkipped++
        return
      }
      report.duplicatesKept++
    }
    const id = nextId++
    chunk.documents.push({
      id,
      datasetId: row.dataset_id,
      text: record.text,
      author: record.author,
      title: record.title,
      sourceId: record.sourceId,
      postTime: record.postTime,
      meta: record.meta === null ? null : JSON.stringify(record.meta),
      contentHash: hash,
      split: split ? splitForNewDocument(split, hash) : null,
      labelCount: ids.length,
      labeledAt: ids.length > 0 ? chunk.at : null,
      createdAt: chunk.at,
    })
    for (const labelId of ids) {
      chunk.annotations.push([id, labelId])
      counts.perLabel.set(labelId, (counts.perLabel.get(labelId) ?? 0) + 1)
    }
    for (const s of suggested) chunk.suggestions.push({ documentId: id, ...s })
    if (!duplicate) {
      hashes.add(hash, id)
      staged.set(id, hash)
    }
    counts.documents++
    if (ids.length > 0) counts.labeled++
    report.imported++
  }

  const flushTx = db.transaction((row: PendingImportRow, rows: Buffered[]) => {
    // Other datasets may have taken ids meanwhile: continue after the highest.
    nextId = Math.max(nextId, imports.nextDocumentId())
    staged.clear()
    const chunk: Chunk = { at: now(), documents: [], annotations: [], suggestions: [] }
    for (const item of rows) stage(row, item, chunk)
    // Documents first: annotations and suggestions refer to them.
    documents.insertMany(chunk.documents)
    documents.addAnnotations(chunk.annotations, chunk.at)
    for (const s of chunk.suggestions) documents.addSuggestion(s.documentId, s.id, s.score)
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
      return buffer.length
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

    add(record: ParsedRecord, hash: string): void {
      buffer.push({ record, hash })
    },

    /** Writes the buffered records in one transaction (still invisible); returns how many it read. */
    flush(): number {
      const rows = buffer
      buffer = []
      if (rows.length > 0) flushTx.immediate(requireClaim(), rows)
      return rows.length
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
