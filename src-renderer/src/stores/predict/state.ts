import type { ModelVersionSummary } from '@api/contract/models'
import type { ExclusionSet } from '@api/contract/preprocessing'
import type { PredictTemplate } from '@api/contract/predict-templates'
import type { PredictStats, SampleRow, TaskSummary } from '@api/dto'
import type { FormErrors, TaskDraft } from '../../features/predict/task-draft'
import type { Loadable } from '../connections/state'

/** A filled-in form to open: "Run again" on a task, or a template picked under "Start from…". */
export interface FormSeed {
  draft: TaskDraft
  /** What no longer fits (a deleted model version…), shown as field errors at once. */
  problems: FormErrors
  /** "task 3f2a…" or "template weekly": said above the form. */
  origin: string
  /** The template it came from, shown as picked under "Start from…". */
  templateId?: string
  /** Bumped on every seed, so the same template picked twice fills the form again. */
  serial: number
}

/** What the Predict screen shows under its task list. */
export type PredictView =
  { kind: 'new'; seed?: FormSeed } | { kind: 'task'; id: string } | { kind: 'none' }

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
  /** A view asked for while the form holds unsaved input (see guardForm): the form asks first. */
  pendingView: PredictView | null
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
  /** Saved templates (predict.listTemplates); null until the form asks. */
  templates: Loadable<PredictTemplate[]> | null
}

export const getInitialPredictState = (): PredictState => ({
  tasks: [],
  loaded: false,
  loading: false,
  view: { kind: 'none' },
  pendingView: null,
  starting: false,
  stats: {},
  samples: {},
  pending: {},
  modelVersions: null,
  exclusionSets: null,
  templates: null,
})
