import { z } from 'zod'
import { hexId, type EpochMs } from './common'
import { predictStartParams, type PredictStartParams } from './predicting'

/** A template's name: what the form's "Start from…" picker shows. */
export const templateName = z
  .string()
  .trim()
  .min(1, 'Name the template.')
  .max(80, 'Use at most 80 characters.')

/** The predict form's settings saved under a name, to start later tasks from. */
export interface PredictTemplate {
  id: string
  name: string
  /** predict.start params as they were saved (the task's, for "Save as template" on a task). */
  params: PredictStartParams
  createdAt: EpochMs
  updatedAt: EpochMs
}

/** What the workspace stores for a template (ui_state value): validated again when read. */
export const storedTemplate = z
  .object({
    id: hexId,
    name: templateName,
    params: predictStartParams,
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .strict()

export const predictTemplateSchemas = {
  'predict.listTemplates': z.object({}).strict(),
  'predict.saveTemplate': z.object({ name: templateName, params: predictStartParams }).strict(),
  'predict.deleteTemplate': z.object({ id: hexId }).strict(),
}

type In<M extends keyof typeof predictTemplateSchemas> = z.input<(typeof predictTemplateSchemas)[M]>

export interface PredictTemplateMethods {
  /** Saved predict templates by name (A→Z). */
  'predict.listTemplates': (p: In<'predict.listTemplates'>) => Promise<PredictTemplate[]>
  /**
   * Saves the params under a name; a template of the same name is replaced (its id kept). Every
   * saved model version the params name must exist: NOT_FOUND naming it otherwise.
   */
  'predict.saveTemplate': (p: In<'predict.saveTemplate'>) => Promise<PredictTemplate>
  /** Deletes a template: NOT_FOUND when it does not exist. */
  'predict.deleteTemplate': (p: In<'predict.deleteTemplate'>) => Promise<{ deleted: true }>
}
