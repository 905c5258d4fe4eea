import type { AnnotationMethods } from './contract/annotation'
import type { DatasetMethods } from './contract/datasets'
import type { ConnectionMethods } from './contract/connections'
import type { PredictingMethods } from './contract/predicting'
import type { PredictTemplateMethods } from './contract/predict-templates'
import type { ModelMethods } from './contract/models'
import type { PreprocessingMethods } from './contract/preprocessing'
import type { RuleMethods } from './contract/rules'
import type { SuggestionMethods } from './contract/suggestions'
import type { SystemMethods } from './contract/system'
import type { TaskMethods } from './contract/tasks'
import type { WorkspaceMethods } from './contract/workspace'

/** THE contract: every method the core answers, `domain.verbNoun` → (params) => Promise<result>. */
export type ApiMethods = SystemMethods &
  TaskMethods &
  ConnectionMethods &
  PredictingMethods &
  PredictTemplateMethods &
  DatasetMethods &
  AnnotationMethods &
  SuggestionMethods &
  ModelMethods &
  RuleMethods &
  PreprocessingMethods &
  WorkspaceMethods

export type MethodName = Extract<keyof ApiMethods, string>
export type MethodParams<M extends MethodName> = Parameters<ApiMethods[M]>[0]
export type MethodResult<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]>>
