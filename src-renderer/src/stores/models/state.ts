import type { DatasetDetail } from '@api/dto'
import type {
  EvaluationDetail,
  EvaluationRow,
  EvaluationSummary,
  ModelComparison,
  ModelVersionDetail,
  ModelVersionSummary,
} from '@api/contract/models'
import type { ExclusionSet } from '@api/contract/preprocessing'
import type { RuleSetSummary } from '@api/contract/rules'

/** Rows of the details table are fetched in pages of this size. */
export const ROWS_PAGE_SIZE = 50

/** Which rows of an evaluation the details table shows. */
export interface RowFilter {
  errorsOnly: boolean
  /** A confusion-matrix cell, or null for all rows; a null label is the "(none)" row or column. */
  cell: { gold: string | null; predicted: string | null } | null
  offset: number
}

export type ModelsView =
  | { kind: 'list' }
  | { kind: 'version'; id: string }
  | { kind: 'compare'; a: string | null; b: string | null }

export interface ModelsState {
  /** Newest first, as models.list returns them. */
  versions: ModelVersionSummary[]
  loaded: boolean
  loading: boolean
  view: ModelsView
  /** The open version (view 'version'); null while loading. */
  detail: ModelVersionDetail | null
  evaluations: EvaluationSummary[]
  /** The evaluation whose report is shown: the training one unless the user picked another. */
  evaluationId: string | null
  evaluation: EvaluationDetail | null
  rowFilter: RowFilter
  rows: { total: number; rows: EvaluationRow[] } | null
  rowsLoading: boolean
  comparison: ModelComparison | null
  comparing: boolean
  /** Rule sets and exclusion sets the training form offers. */
  ruleSets: RuleSetSummary[]
  exclusionSets: ExclusionSet[]
  /** The last training / evaluation task started from this screen. */
  trainingTaskId: string | null
  evaluationTaskId: string | null
  /** A mutating call is in flight. */
  busy: boolean
  /** The train form's dataset with its split counts; null until loaded. */
  trainDataset: DatasetDetail | null
  /** The version the last training from the form produced, to open its report. */
  trainedModelId: string | null
}

export const getInitialRowFilter = (): RowFilter => ({
  errorsOnly: false,
  cell: null,
  offset: 0,
})

export const getInitialModelsState = (): ModelsState => ({
  versions: [],
  loaded: false,
  loading: false,
  view: { kind: 'list' },
  detail: null,
  evaluations: [],
  evaluationId: null,
  evaluation: null,
  rowFilter: getInitialRowFilter(),
  rows: null,
  rowsLoading: false,
  comparison: null,
  comparing: false,
  ruleSets: [],
  exclusionSets: [],
  trainingTaskId: null,
  evaluationTaskId: null,
  busy: false,
  trainDataset: null,
  trainedModelId: null,
})
