import type { Evaluation, PackedDocs } from './ml'
import type { LabelRowsInput, WatchedFileJob } from './file-jobs.worker'
import type { EvaluateFileJob } from './ml/io/file-jobs'
import type { ClassificationReport } from './ml/metrics/classification-report'
import type {
  EvaluateInput,
  ExcludeInput,
  WorkbenchInput,
  WorkbenchOutput,
} from './modeling.worker'
import type { ExcludedTexts } from './preprocess/exclusions'
import type { SelfTestResult } from '../src-main/api/contract/system'
import type { SelfTestInput } from './selftest'
import type { PredictModelRef, PredictTaskInput, PredictTaskOutput } from './ml/tasks/predict-task'
import type { ScorerTables } from './ml/models/linear/scorer-tables'
import type { TrainTaskInput, TrainTaskOutput } from './ml/tasks/train-task'
import type { SuggestTaskInput, SuggestTaskOutput } from './ml/active/suggest-task'

/** Every named worker task: where it lives and what crosses the thread boundary. */
export interface WorkerTasks {
  'selftest.run': { input: SelfTestInput; output: SelfTestResult }
  'ml.train': { input: TrainTaskInput; output: TrainTaskOutput }
  'ml.predict': { input: PredictTaskInput; output: PredictTaskOutput }
  'ml.shareModel': { input: PredictModelRef; output: ScorerTables | null }
  'ml.shareModels': { input: { modelPaths: string[] }; output: (ScorerTables | null)[] }
  'ml.labelRows': { input: LabelRowsInput; output: Uint8Array }
  'ml.evaluateFile': { input: WatchedFileJob<EvaluateFileJob>; output: ClassificationReport }
  'modeling.evaluate': { input: EvaluateInput; output: Evaluation }
  'modeling.predict': { input: { file: Uint8Array; docs: PackedDocs }; output: string[][] }
  'modeling.workbench': { input: WorkbenchInput; output: WorkbenchOutput }
  'preprocess.exclude': { input: ExcludeInput; output: ExcludedTexts }
  'modeling.suggest': { input: SuggestTaskInput; output: SuggestTaskOutput }
}

export type WorkerTaskName = keyof WorkerTasks

/** File (without extension) under the worker directory, and the exported function to call. */
export const workerTaskEntries: Record<WorkerTaskName, { file: string; fn: string }> = {
  'selftest.run': { file: 'selftest.worker', fn: 'selfTest' },
  'ml.train': { file: 'train.worker', fn: 'trainModel' },
  'ml.predict': { file: 'predict.worker', fn: 'predictBatch' },
  'ml.shareModel': { file: 'predict.worker', fn: 'shareModel' },
  'ml.shareModels': { file: 'file-jobs.worker', fn: 'shareModels' },
  'ml.labelRows': { file: 'file-jobs.worker', fn: 'labelRows' },
  'ml.evaluateFile': { file: 'file-jobs.worker', fn: 'evaluateFile' },
  'modeling.evaluate': { file: 'modeling.worker', fn: 'evaluateFile' },
  'modeling.predict': { file: 'modeling.worker', fn: 'predictFile' },
  'modeling.workbench': { file: 'modeling.worker', fn: 'workbench' },
  'preprocess.exclude': { file: 'modeling.worker', fn: 'excludeTexts' },
  'modeling.suggest': { file: 'modeling.worker', fn: 'suggest' },
}
