/**
 * A solver thread of a one-vs-rest linear fit (started by ml/models/linear/label-threads, not by
 * the pool): it shares the matrix with the fitting thread and owns only its labels' solver state.
 */
export { solveLabelsOnThread } from './ml/models/linear/label-threads'
