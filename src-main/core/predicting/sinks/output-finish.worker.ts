import { finishReply, runOutputFinish, type OutputFinishJob } from './output-finish'

/** Piscina entry: the end of a SQLite/CSV output on a thread of its own (see finishOutput). */
export function finishOutputJob(job: OutputFinishJob) {
  return finishReply(runOutputFinish(job))
}
