import type { DatasetDetail, DatasetSummary, DeletedDataset } from '@api/models'

export interface DatasetsState {
  /** Live datasets matching `query`, newest first, as datasets.list returns them. */
  datasets: DatasetSummary[]
  /** True once the first datasets.list answered. */
  loaded: boolean
  loading: boolean
  query: string
  selectedId: string | null
  /** The selected dataset with its split settings; null while loading or when none is selected. */
  detail: DatasetDetail | null
  /** The last dataset deleted in this session: the screen offers to undo it. */
  lastDeleted: DeletedDataset | null
  /** The last label split or merge: the label editor offers to undo it. */
  lastLabelChange: { datasetId: string; undoId: string; description: string } | null
  /** A mutating call is in flight (buttons show it and are not clicked twice). */
  busy: boolean
}

export const getInitialDatasetsState = (): DatasetsState => ({
  datasets: [],
  loaded: false,
  loading: false,
  query: '',
  selectedId: null,
  detail: null,
  lastDeleted: null,
  lastLabelChange: null,
  busy: false,
})
