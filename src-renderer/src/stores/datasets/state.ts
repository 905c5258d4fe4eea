import type { DatasetDetail, DatasetSummary, DeletedDataset, ImportPreview } from '@api/dto'

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
  /** The import dialog's server state (its reading choices and target stay in the dialog). */
  importing: ImportState
  /** The last export started from a dataset's panel, followed until its file is written. */
  exportStarted: { datasetId: string; taskId: string; fileName: string } | null
}

export interface ImportState {
  /** Every dataset, whatever the list's search shows: any of them can be the target. */
  targets: DatasetSummary[]
  /** The picked file's id on the core once uploaded. */
  upload: string | null
  /** The core's reading of the upload under the latest reading choices. */
  preview: ImportPreview | null
  previewError: string | null
  taskId: string | null
  /** An upload or a start is in flight. */
  busy: boolean
}

export const getInitialImportState = (): ImportState => ({
  targets: [],
  upload: null,
  preview: null,
  previewError: null,
  taskId: null,
  busy: false,
})

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
  importing: getInitialImportState(),
  exportStarted: null,
})
