import { reportProgress, type WorkerCall } from './protocol'
import {
  ModelCache,
  runPredictTask,
  type PredictTaskInput,
  type PredictTaskOutput,
} from './ml/tasks/predict-task'

/** Loaded models survive between batches on this thread (keyed by model id + version). */
const cache = new ModelCache()

/** Labels one packed batch of rows with several models. */
export function predictBatch({ input, port }: WorkerCall<PredictTaskInput>): PredictTaskOutput {
  const output = runPredictTask(input, cache)
  reportProgress(port, { done: output.size, total: input.docs.size, message: 'labelled' })
  return output
}
