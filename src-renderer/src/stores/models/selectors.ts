import type { ModelsState } from './state'

export const selectVersions = (s: ModelsState) => s.versions
export const selectVersionsLoaded = (s: ModelsState) => s.loaded
export const selectModelsView = (s: ModelsState) => s.view
export const selectModelDetail = (s: ModelsState) => s.detail
export const selectEvaluations = (s: ModelsState) => s.evaluations
export const selectEvaluationId = (s: ModelsState) => s.evaluationId
export const selectEvaluation = (s: ModelsState) => s.evaluation
export const selectRowFilter = (s: ModelsState) => s.rowFilter
export const selectRows = (s: ModelsState) => s.rows
export const selectRowsLoading = (s: ModelsState) => s.rowsLoading
export const selectComparison = (s: ModelsState) => s.comparison
export const selectComparing = (s: ModelsState) => s.comparing
export const selectRuleSetOptions = (s: ModelsState) => s.ruleSets
export const selectExclusionSetOptions = (s: ModelsState) => s.exclusionSets
export const selectTrainingTaskId = (s: ModelsState) => s.trainingTaskId
export const selectEvaluationTaskId = (s: ModelsState) => s.evaluationTaskId
export const selectModelsBusy = (s: ModelsState) => s.busy
