import { z } from 'zod'
import { hexId, type EpochMs } from './common'
import { documentFilter, type Split } from './datasets'

export interface DocumentRow {
  id: number
  /** The first 300 characters; `annotation.getDocument` has the full text. */
  preview: string
  author: string | null
  title: string | null
  sourceId: string | null
  postTime: string | null
  split: Split | null
  labelIds: number[]
}

export interface Suggestion {
  labelId: number
  score: number | null
}

export interface DocumentDetail extends Omit<DocumentRow, 'preview'> {
  datasetId: string
  text: string
  meta: Record<string, unknown> | null
  contentHash: string
  suggestions: Suggestion[]
  labeledAt: EpochMs | null
}

export interface DocumentPage {
  items: DocumentRow[]
  /** Documents matching the filter. */
  total: number
  offset: number
  /**
   * Percent of the dataset's search index built, while it is built after an import; absent when
   * ready. Searches are complete meanwhile (documents not indexed yet are scanned), only slower.
   */
  indexing?: number
}

export interface FilterCounts {
  all: number
  labeled: number
  unlabeled: number
  byLabel: Record<number, number>
  bySplit: Record<Split | 'none', number>
}

/** A step through the filtered list: the document and its 0-based position among `total`. */
export interface DocumentStep {
  document: DocumentDetail
  position: number
  total: number
}

/** One undone or redone change: the UI jumps to the document and shows its labels. */
export interface JournalStep {
  documentId: number
  labelIds: number[]
  /** How many documents the step changed when it was a bulk action (absent for a single change). */
  batchSize?: number
  /** Steps still undoable / redoable in this session (a bulk action is one step). */
  undoable: number
  redoable: number
}

export interface BulkLabelResult {
  /** Documents the selection or filter matched. */
  matched: number
  /** Documents whose labels changed (the others already had, or lacked, the label). */
  changed: number
}

/** `details` of bulkLabel's CONFLICT: how many documents the target matches now. */
export interface BulkLabelConflict {
  matched: number
}

export interface AnnotationStats {
  total: number
  labeled: number
  perLabel: Record<number, number>
  /** Documents whose labels changed in this session. */
  sessionLabeled: number
  /** Session rate in documents per minute (null until two changes exist). */
  sessionRate: number | null
}

const datasetId = hexId
const documentId = z.number().int().positive()
/** Chosen by the UI once per annotation screen visit; undo/redo work within it. */
const sessionId = z.string().min(1).max(64)

export const annotationSchemas = {
  'annotation.listDocuments': z
    .object({
      datasetId,
      filter: documentFilter.default({ status: 'all' }),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'annotation.countDocuments': z
    .object({ datasetId, query: z.string().trim().max(200).optional() })
    .strict(),
  'annotation.getDocument': z
    .object({ datasetId, documentId, filter: documentFilter.optional() })
    .strict(),
  'annotation.step': z
    .object({
      datasetId,
      /** Start here; absent = before the first (next) or after the last (previous). */
      fromDocumentId: documentId.optional(),
      direction: z.enum(['next', 'previous']).default('next'),
      filter: documentFilter.default({ status: 'all' }),
    })
    .strict(),
  'annotation.nextUnlabeled': z
    .object({ datasetId, fromDocumentId: documentId.optional() })
    .strict(),
  'annotation.setLabels': z
    .object({
      datasetId,
      documentId,
      labelIds: z.array(z.number().int().positive()).max(500),
      sessionId,
    })
    .strict(),
  'annotation.toggleLabel': z
    .object({ datasetId, documentId, labelId: z.number().int().positive(), sessionId })
    .strict(),
  'annotation.bulkLabel': z
    .object({
      datasetId,
      sessionId,
      labelId: z.number().int().positive(),
      action: z.enum(['add', 'remove']),
      target: z.union([
        z.object({ documentIds: z.array(documentId).min(1).max(100_000) }).strict(),
        z.object({ filter: documentFilter }).strict(),
      ]),
      /** The count the user confirmed; the call is refused when the target now matches another. */
      expectedCount: z.number().int().min(0),
    })
    .strict(),
  'annotation.undo': z.object({ datasetId, sessionId }).strict(),
  'annotation.redo': z.object({ datasetId, sessionId }).strict(),
  'annotation.stats': z.object({ datasetId, sessionId: sessionId.optional() }).strict(),
}

type In<M extends keyof typeof annotationSchemas> = z.input<(typeof annotationSchemas)[M]>
export type BulkLabelInput = z.output<(typeof annotationSchemas)['annotation.bulkLabel']>

export interface AnnotationMethods {
  /** One page of the filtered document list, in dataset order, with the filter's total. */
  'annotation.listDocuments': (p: In<'annotation.listDocuments'>) => Promise<DocumentPage>
  /** Counts for every filter chip (status, label, split), within the search `query` when given. */
  'annotation.countDocuments': (p: In<'annotation.countDocuments'>) => Promise<FilterCounts>
  /** The full document with labels, suggestions and meta. */
  'annotation.getDocument': (p: In<'annotation.getDocument'>) => Promise<DocumentDetail>
  /** The next or previous document in the filter (null at the end), with its position. */
  'annotation.step': (p: In<'annotation.step'>) => Promise<DocumentStep | null>
  /** The first unlabeled document after `fromDocumentId`, wrapping to the start; null when all are labeled. */
  'annotation.nextUnlabeled': (p: In<'annotation.nextUnlabeled'>) => Promise<DocumentStep | null>
  /** Replaces a document's labels (journaled). In single-label mode at most one label is allowed. */
  'annotation.setLabels': (p: In<'annotation.setLabels'>) => Promise<DocumentDetail>
  /** Toggles one label (journaled). In single-label mode it replaces the current label. */
  'annotation.toggleLabel': (p: In<'annotation.toggleLabel'>) => Promise<DocumentDetail>
  /**
   * Adds or removes one label on every document of a selection or filter, in one transaction and
   * one undo step. CONFLICT when the target no longer matches `expectedCount` documents (its
   * `details` are `BulkLabelConflict`, with the count to confirm again). In
   * single-label mode 'add' replaces each document's label.
   */
  'annotation.bulkLabel': (p: In<'annotation.bulkLabel'>) => Promise<BulkLabelResult>
  /** Undoes the session's last label change (or bulk action); null when there is nothing to undo. */
  'annotation.undo': (p: In<'annotation.undo'>) => Promise<JournalStep | null>
  /** Redoes the session's last undone change; null when there is nothing to redo. */
  'annotation.redo': (p: In<'annotation.redo'>) => Promise<JournalStep | null>
  /** Labeled count, per-label distribution and, with a session, the session's pace. */
  'annotation.stats': (p: In<'annotation.stats'>) => Promise<AnnotationStats>
}
