import type {
  AnnotationStats,
  BulkLabelInput,
  BulkLabelResult,
  DocumentDetail,
  DocumentPage,
  DocumentRow,
  DocumentStep,
  FilterCounts,
  JournalStep,
} from '../../api/contract/annotation'
import type { DocumentFilter } from '../../api/contract/datasets'
import { ApiError } from '../../api/errors'
import type { Sqlite } from '../db/sqlite'
import { documentNotFound } from '../datasets/dataset-errors'
import type { DatasetService } from '../datasets/datasets.service'
import { createDocumentsRepo, filterWhere, type DocumentRowData } from '../datasets/documents.repo'
import { createJournalRepo, type JournalRow } from './annotation.repo'

const idsOf = (text: string | null): number[] =>
  text
    ? text
        .split(',')
        .map(Number)
        .sort((a, b) => a - b)
    : []

function toRow(row: DocumentRowData & { preview: string }): DocumentRow {
  return {
    id: row.id,
    preview: row.preview,
    author: row.author,
    title: row.title,
    sourceId: row.source_id,
    postTime: row.post_time,
    split: row.split,
    labelIds: idsOf(row.label_ids),
  }
}

/** The annotation screen's API: paging, filters, navigation, journaled labeling, undo/redo, stats. */
export function createAnnotationService(
  db: Sqlite,
  datasets: DatasetService,
  /** Percent of a dataset's search index built while it is being built; null when ready. */
  indexPercent: (datasetId: string) => number | null = () => null,
  now: () => number = Date.now,
) {
  const documents = createDocumentsRepo(db)
  const journal = createJournalRepo(db)

  function detail(datasetId: string, documentId: number): DocumentDetail {
    const row = documents.get(documentId)
    if (!row || row.dataset_id !== datasetId) throw documentNotFound(documentId)
    return {
      id: row.id,
      datasetId,
      text: row.text,
      author: row.author,
      title: row.title,
      sourceId: row.source_id,
      postTime: row.post_time,
      split: row.split,
      meta: row.meta === null ? null : (JSON.parse(row.meta) as Record<string, unknown>),
      contentHash: row.content_hash,
      labelIds: idsOf(row.label_ids),
      suggestions: documents
        .suggestions(row.id)
        .map((s) => ({ labelId: s.label_id, score: s.score })),
      labeledAt: row.labeled_at,
    }
  }

  function stepTo(
    datasetId: string,
    id: number | null,
    filter: DocumentFilter,
  ): DocumentStep | null {
    if (id === null) return null
    const where = filterWhere(datasetId, filter)
    return {
      document: detail(datasetId, id),
      position: documents.position(where, id),
      total: documents.count(where),
    }
  }

  function validLabels(datasetId: string, labelIds: readonly number[]): number[] {
    const dataset = datasets.requireLive(datasetId)
    const known = new Set(datasets.labelsOf(datasetId).map((l) => l.id))
    const unknown = labelIds.filter((id) => !known.has(id))
    if (unknown.length > 0) {
      throw new ApiError(
        'NOT_FOUND',
        `Labels ${unknown.join(', ')} are not in this dataset. Reload the label set.`,
      )
    }
    const unique = [...new Set(labelIds)].sort((a, b) => a - b)
    if (dataset.label_mode === 'single' && unique.length > 1) {
      throw new ApiError(
        'VALIDATION',
        'This dataset is single-label: choose one label, or switch it to multi-label.',
      )
    }
    return unique
  }

  /** Sets labels and journals the change, in one transaction. */
  function change(
    datasetId: string,
    documentId: number,
    next: number[],
    sessionId: string,
  ): DocumentDetail {
    const before = detail(datasetId, documentId).labelIds
    db.transaction(() => {
      if (documents.setLabels(documentId, next, now())) {
        journal.record(datasetId, sessionId, documentId, before, next, now())
      }
    })()
    return detail(datasetId, documentId)
  }

  /**
   * Moves one step back (undo) or forward (redo): one journal entry, or every entry of a bulk
   * action's batch, in one transaction; labels deleted since are skipped.
   */
  function replay(
    datasetId: string,
    sessionId: string,
    direction: 'undo' | 'redo',
  ): JournalStep | null {
    datasets.requireLive(datasetId)
    const undo = direction === 'undo'
    const entry = undo
      ? journal.lastDone(datasetId, sessionId)
      : journal.firstUndone(datasetId, sessionId)
    if (!entry) return null
    const entries = entry.batch === null ? [entry] : journal.batch(entry.batch, !undo)
    if (undo) entries.reverse()
    const known = new Set(datasets.labelsOf(datasetId).map((l) => l.id))
    const labelsAfter = (e: JournalRow) =>
      (JSON.parse(undo ? e.before : e.after) as number[]).filter((id) => known.has(id))
    db.transaction(() => {
      for (const e of entries) {
        documents.setLabels(e.document_id, labelsAfter(e), now())
        journal.markUndone(e.id, undo)
      }
    })()
    const shown = entries[entries.length - 1] ?? entry
    return {
      documentId: shown.document_id,
      labelIds: labelsAfter(shown),
      ...(entry.batch === null ? {} : { batchSize: entries.length }),
      ...journal.depth(datasetId, sessionId),
    }
  }

  /** Adds or removes one label on every document of a selection or filter, as one undo step. */
  function bulkLabel(input: BulkLabelInput): BulkLabelResult {
    const dataset = datasets.requireLive(input.datasetId)
    const [labelId] = validLabels(input.datasetId, [input.labelId])
    if (labelId === undefined) throw new ApiError('VALIDATION', 'Choose a label.')
    const where =
      'documentIds' in input.target
        ? filterWhere(input.datasetId, {}, [...new Set(input.target.documentIds)])
        : filterWhere(input.datasetId, input.target.filter)
    const single = dataset.label_mode === 'single'
    return db.transaction((): BulkLabelResult => {
      const rows = documents.labelsOfMatching(where)
      if (rows.length !== input.expectedCount) {
        throw new ApiError(
          'CONFLICT',
          `The filter now matches ${rows.length} documents, not the ${input.expectedCount} you confirmed; check and confirm again.`,
          { matched: rows.length },
        )
      }
      const at = now()
      const changes: { documentId: number; before: number[]; after: number[] }[] = []
      for (const row of rows) {
        const before = idsOf(row.label_ids)
        const after =
          input.action === 'remove'
            ? before.filter((id) => id !== labelId)
            : single
              ? [labelId]
              : [...new Set([...before, labelId])].sort((a, b) => a - b)
        if (documents.setLabels(row.id, after, at)) {
          changes.push({ documentId: row.id, before, after })
        }
      }
      journal.recordBatch(input.datasetId, input.sessionId, changes, at)
      return { matched: rows.length, changed: changes.length }
    })()
  }

  return {
    listDocuments(
      datasetId: string,
      filter: DocumentFilter,
      offset: number,
      limit: number,
    ): DocumentPage {
      datasets.requireLive(datasetId)
      const where = filterWhere(datasetId, filter)
      const indexing = indexPercent(datasetId)
      return {
        items: documents.page(where, offset, limit).map(toRow),
        total: documents.count(where),
        offset,
        ...(indexing === null ? {} : { indexing }),
      }
    },

    countDocuments(datasetId: string, query?: string): FilterCounts {
      const dataset = datasets.requireLive(datasetId)
      const labels = datasets.labelsOf(datasetId)
      const where = filterWhere(datasetId, query ? { query } : {})
      // Without a search the trigger-kept counters answer; with one, count the matches.
      const status = query
        ? documents.countsByStatus(where)
        : {
            labeled: dataset.labeled_count,
            unlabeled: dataset.document_count - dataset.labeled_count,
          }
      const byLabel = query
        ? documents.countsByLabel(where)
        : new Map(labels.map((l) => [l.id, l.count]))
      const bySplit = documents.countsBySplit(where, status.labeled + status.unlabeled)
      return {
        all: status.labeled + status.unlabeled,
        labeled: status.labeled,
        unlabeled: status.unlabeled,
        byLabel: Object.fromEntries(labels.map((l) => [l.id, byLabel.get(l.id) ?? 0])),
        bySplit: {
          train: bySplit.get('train') ?? 0,
          dev: bySplit.get('dev') ?? 0,
          test: bySplit.get('test') ?? 0,
          none: bySplit.get(null) ?? 0,
        },
      }
    },

    getDocument: (datasetId: string, documentId: number): DocumentDetail => {
      datasets.requireLive(datasetId)
      return detail(datasetId, documentId)
    },

    step(
      datasetId: string,
      fromId: number | undefined,
      direction: 'next' | 'previous',
      filter: DocumentFilter,
    ) {
      datasets.requireLive(datasetId)
      const id = documents.neighbor(filterWhere(datasetId, filter), fromId ?? null, direction)
      return stepTo(datasetId, id, filter)
    },

    nextUnlabeled(datasetId: string, fromId: number | undefined): DocumentStep | null {
      const dataset = datasets.requireLive(datasetId)
      // Unlabeled documents are in no index (migration 0013): with none left, do not scan for one.
      if (dataset.labeled_count >= dataset.document_count) return null
      const filter: DocumentFilter = { status: 'unlabeled' }
      const where = filterWhere(datasetId, filter)
      const id =
        documents.neighbor(where, fromId ?? null, 'next') ?? documents.neighbor(where, null, 'next')
      return stepTo(datasetId, id, filter)
    },

    setLabels(
      datasetId: string,
      documentId: number,
      labelIds: number[],
      sessionId: string,
    ): DocumentDetail {
      return change(datasetId, documentId, validLabels(datasetId, labelIds), sessionId)
    },

    toggleLabel(
      datasetId: string,
      documentId: number,
      labelId: number,
      sessionId: string,
    ): DocumentDetail {
      const single = datasets.requireLive(datasetId).label_mode === 'single'
      validLabels(datasetId, [labelId])
      const current = detail(datasetId, documentId).labelIds
      const has = current.includes(labelId)
      const next = has
        ? current.filter((id) => id !== labelId)
        : single
          ? [labelId]
          : [...current, labelId]
      return change(
        datasetId,
        documentId,
        next.sort((a, b) => a - b),
        sessionId,
      )
    },

    bulkLabel,

    undo: (datasetId: string, sessionId: string) => replay(datasetId, sessionId, 'undo'),
    redo: (datasetId: string, sessionId: string) => replay(datasetId, sessionId, 'redo'),

    stats(datasetId: string, sessionId?: string): AnnotationStats {
      const dataset = datasets.requireLive(datasetId)
      const session = sessionId ? journal.session(datasetId, sessionId) : undefined
      const minutes = (session?.activeMs ?? 0) / 60_000
      return {
        total: dataset.document_count,
        labeled: dataset.labeled_count,
        perLabel: Object.fromEntries(datasets.labelsOf(datasetId).map((l) => [l.id, l.count])),
        sessionLabeled: session?.docs ?? 0,
        sessionRate: session && session.changes > 1 && minutes > 0 ? session.docs / minutes : null,
      }
    },
  }
}

export type AnnotationService = ReturnType<typeof createAnnotationService>
