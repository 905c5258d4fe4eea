import type {
  AnnotationStats,
  DatasetDetail,
  DocumentDetail,
  DocumentRow,
  FilterCounts,
  Split,
} from '@api/dto'

export type StatusFilter = 'all' | 'labeled' | 'unlabeled'

/** The list's filter as the screen edits it; `toDocumentFilter` turns it into the API's. */
export interface AnnotateFilter {
  status: StatusFilter
  labelId: number | null
  split: Split | 'none' | null
  query: string
}

/** Rows are fetched in pages of this size as the list scrolls. */
export const PAGE_SIZE = 100

export interface AnnotateState {
  /** Chosen once per visit of the screen: undo/redo work within it. */
  sessionId: string
  datasetId: string | null
  /** The open dataset's label set and mode. */
  dataset: DatasetDetail | null
  filter: AnnotateFilter
  /** Bumped when the list must be fetched again; answers for older versions are dropped. */
  listVersion: number
  /** Documents matching the filter, null until the first page answered. */
  total: number | null
  /** Percent of the dataset's search index built after an import; null when it is ready. */
  indexing: number | null
  /** Loaded pages of the list by page index (offset / PAGE_SIZE). */
  pages: Record<number, DocumentRow[]>
  counts: FilterCounts | null
  current: DocumentDetail | null
  /** 0-based index of `current` in the list, when known. */
  position: number | null
  stats: AnnotationStats | null
  undoable: number
  redoable: number
  /** Label changes made here (set, toggled or accepted), ever growing: keep-fresh counts them. */
  edits: number
  /** A navigation or label call is in flight. */
  working: boolean
  /** What the last move found when there was nothing to move to. */
  notice: string | null
  /** Documents ticked in the list for a bulk action, in the order they were ticked. */
  selection: number[]
  /** A document another screen asked to open; the Annotate screen takes it when it mounts. */
  requested: { datasetId: string; documentId: number } | null
}

export const getInitialFilter = (): AnnotateFilter => ({
  status: 'all',
  labelId: null,
  split: null,
  query: '',
})

export const getInitialAnnotateState = (sessionId = ''): AnnotateState => ({
  sessionId,
  datasetId: null,
  dataset: null,
  filter: getInitialFilter(),
  listVersion: 0,
  total: null,
  indexing: null,
  pages: {},
  counts: null,
  current: null,
  position: null,
  stats: null,
  undoable: 0,
  redoable: 0,
  edits: 0,
  working: false,
  notice: null,
  selection: [],
  requested: null,
})

export const newSessionId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
