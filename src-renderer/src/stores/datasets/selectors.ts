import type { DatasetsState } from './state'

export const selectDatasets = (s: DatasetsState) => s.datasets
export const selectDatasetsLoaded = (s: DatasetsState) => s.loaded
export const selectDatasetsLoading = (s: DatasetsState) => s.loading
export const selectDatasetQuery = (s: DatasetsState) => s.query
export const selectSelectedId = (s: DatasetsState) => s.selectedId
export const selectDetail = (s: DatasetsState) => s.detail
export const selectLastDeleted = (s: DatasetsState) => s.lastDeleted
export const selectDatasetsBusy = (s: DatasetsState) => s.busy
export const selectLastLabelChange = (s: DatasetsState) => s.lastLabelChange
