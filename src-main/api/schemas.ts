import type { z } from 'zod'
import type { MethodName } from './methods'
import { annotationSchemas } from './contract/annotation'
import { datasetSchemas } from './contract/datasets'
import { connectionSchemas } from './contract/connections'
import { predictingSchemas } from './contract/predicting'
import { predictTemplateSchemas } from './contract/predict-templates'
import { modelSchemas } from './contract/models'
import { preprocessingSchemas } from './contract/preprocessing'
import { ruleSchemas } from './contract/rules'
import { suggestionSchemas } from './contract/suggestions'
import { systemSchemas } from './contract/system'
import { taskSchemas } from './contract/tasks'
import { workspaceSchemas } from './contract/workspace'

/** Params schema of every method; the dispatcher validates with these before any handler runs. */
export const apiSchemas = {
  ...systemSchemas,
  ...taskSchemas,
  ...modelSchemas,
  ...ruleSchemas,
  ...preprocessingSchemas,
  ...connectionSchemas,
  ...predictingSchemas,
  ...predictTemplateSchemas,
  ...datasetSchemas,
  ...annotationSchemas,
  ...workspaceSchemas,
  ...suggestionSchemas,
} satisfies Record<MethodName, z.ZodType>

// Every method has a schema and every schema a method.
type _Exact = [keyof typeof apiSchemas] extends [MethodName]
  ? [MethodName] extends [keyof typeof apiSchemas]
    ? true
    : never
  : never
export const schemasCoverMethods: _Exact = true

export type HandlerParams<M extends MethodName> = z.output<(typeof apiSchemas)[M]>
