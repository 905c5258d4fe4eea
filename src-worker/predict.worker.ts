import { reportProgress, type WorkerCall } from './protocol'
import {
  ModelCache,
  runPredictTask,
  type PredictModelRef,
  type PredictTaskInput,
  type PredictTaskOutput,
} from './ml/tasks/predict-task'
import type { ScorerTables } from './ml/models/linear/scorer-tables'

/** Loaded models survive between batches on this thread (keyed by model id + version). */
const cache = new ModelCache()

/** Labels one packed batch of rows with several models. */
export function predictBatch({ input, port }: WorkerCall<PredictTaskInput>): PredictTaskOutput {
  const output = runPredictTask(input, cache)
  reportProgress(port, { done: output.size, total: input.docs.size, message: 'labelled' })
  return output
}

/** Loads a model here with its scorer tables in shared buffers, for every thread to use (see ModelCache.share). */
export function shareModel({ input }: WorkerCall<PredictModelRef>): ScorerTables | null {
  return cache.share(input)
}
