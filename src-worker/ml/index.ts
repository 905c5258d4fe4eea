/** The ML engine's public surface: everything the core, workers and CLI need. */
export { trainModel, modelToFile, modelFromFile } from './models/registry'
export type { TrainConfig } from './models/train-config'
export type {
  BatchPrediction,
  DecisionParams,
  DocBatch,
  FieldName,
  LabelExplanation,
  Model,
  ModelDescription,
  ModelKind,
  PredictOptions,
  TermMatch,
  TrainingSet,
} from './models/model'
export { FIELD_NAMES, MODEL_KINDS } from './models/model'
export { rowLabels } from './models/decide'
export type { KeywordRule } from './models/keyword/keyword-rules'
export type { MatchType } from './models/keyword/aho-corasick'
export type { RegexRule } from './models/regex/regex-rules'
export { regexTimeoutMessage } from './models/regex/regex-rules'
export type { TermWeight } from './models/term-weight/term-weight-csv'
export { termWeightsFromCsv, termWeightsToCsv } from './models/term-weight/term-weight-csv'
export {
  MODEL_FILE_EXTENSION,
  MODEL_FILE_VERSION,
  readModelHeader,
  type ModelHeader,
} from './file/model-file'
export {
  classificationReport,
  reportJson,
  type ClassificationReport,
} from './metrics/classification-report'
export { confusionCells, inConfusionCell, NONE_CELL } from './metrics/confusion'
export { labelPrior, readLabelPrior, type LabelPrior } from './metrics/baseline'
export {
  evaluateModel,
  predictedLabelSets,
  type Evaluation,
  type RowDetail,
} from './metrics/evaluate'
export { trainingDataHash } from './training-data-hash'
export * from './packed'
