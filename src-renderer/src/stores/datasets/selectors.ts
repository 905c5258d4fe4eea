import type { DatasetsState } from './state'

export const selectDatasets = (s: DatasetsState) => s.datasets
export const selectSelectedId = (s: DatasetsState) => s.selectedId
export const selectDatasetsBusy = (s: DatasetsState) => s.busy
export const selectLastLabelChange = (s: DatasetsState) => s.lastLabelChange
export const selectImporting = (s: DatasetsState) => s.importing
export const selectExportStarted = (s: DatasetsState) => s.exportStarted
