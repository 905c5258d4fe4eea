import type { ModelsState } from './state'

export const selectModelsView = (s: ModelsState) => s.view
export const selectEvaluation = (s: ModelsState) => s.evaluation
export const selectEvaluationTaskId = (s: ModelsState) => s.evaluationTaskId
export const selectModelsBusy = (s: ModelsState) => s.busy
