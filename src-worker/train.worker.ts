import { reportProgress, type WorkerCall } from './protocol'
import { runTrainTask, type TrainTaskInput, type TrainTaskOutput } from './ml/tasks/train-task'

/**
 * Fits (and evaluates) one model. Abort is the pool terminating this thread through Piscina's
 * signal, so the work only has to keep progress flowing.
 */
export function trainModel({ input, port }: WorkerCall<TrainTaskInput>): TrainTaskOutput {
  return runTrainTask(input, (done, total, message) =>
    reportProgress(port, { done, total, message }),
  )
}
