import type { ModelVersionSummary } from '@api/contract/models'
import type { ExclusionSet } from '@api/contract/preprocessing'
import type { PredictStats, SampleRow, TaskSummary } from '@api/models'
import type { Loadable } from '../connections/state'

/** The task kind the core gives predicting tasks (predict.start). */
export const PREDICT_TASK_KIND = 'predict.run'

/** What the Predict screen shows under its task list. */
export type PredictView = { kind: 'new' } | { kind: 'task'; id: string } | { kind: 'none' }

export type SampleState =
  | { status: 'loading'; rows: SampleRow[] }
  | { status: 'ready'; rows: SampleRow[]; fetchedAt: number }
  /** NO_RESULTS_YET: nothing written yet; the task page retries on its own. */
  | { status: 'waiting'; rows: SampleRow[]; message: string }
  | { status: 'error'; rows: SampleRow[]; message: string }

export interface PredictState {
  /** Predict tasks, newest first. */
  tasks: TaskSummary[]
  loaded: boolean
  loading: boolean
  view: PredictView
  /** Set while predict.start is in flight (it checks sources and sink first). */
  starting: boolean
  /** predict.stats answers by task id (final stats once the task is done). */
  stats: Record<string, PredictStats>
  samples: Record<string, SampleState>
  /** An abort or resume in flight per task id. */
  pending: Record<string, 'abort' | 'resume'>
  /** Saved model versions to pick from (models.list); null until the form asks. */
  modelVersions: Loadable<ModelVersionSummary[]> | null
  /** Exclusion sets a model can run before labeling (preprocessing.listSets). */
  exclusionSets: Loadable<ExclusionSet[]> | null
}

export const getInitialPredictState = (): PredictState => ({
  tasks: [],
  loaded: false,
  loading: false,
  view: { kind: 'none' },
  starting: false,
  stats: {},
  samples: {},
  pending: {},
  modelVersions: null,
  exclusionSets: null,
})
