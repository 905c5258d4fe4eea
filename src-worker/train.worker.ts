import { reportProgress, type WorkerCall } from './protocol'
import { runTrainTask, type TrainTaskInput, type TrainTaskOutput } from './ml/tasks/train-task'

/**
 * Fits (and evaluates) one model. Abort is the pool terminating this thread through Piscina's
 * signal; an automatic selection also checks the shared control buffer between candidates and
 * folds, and announces each candidate there when a test gate holds it.
 */
export function trainModel({ input, port }: WorkerCall<TrainTaskInput>): TrainTaskOutput {
  return runTrainTask(
    input,
    (done, total, message) => reportProgress(port, { done, total, message }),
    (candidate) => reportProgress(port, { done: 0, data: { candidate } }),
  )
}
