import { z } from 'zod'
import { FIELD_NAMES, MODEL_KINDS } from '../models/model'

const ELEMENT_BYTES = { int32: 4, float32: 4, float64: 8, uint8: 1 } as const
const sectionTypes = Object.keys(ELEMENT_BYTES) as (keyof typeof ELEMENT_BYTES)[]

const section = z
  .object({
    name: z.string().min(1),
    type: z.enum(sectionTypes),
    offset: z.number().int().min(0),
    byteLength: z.number().int().min(0),
  })
  .refine((s) => s.byteLength % ELEMENT_BYTES[s.type] === 0, {
    message: 'a section length is not a whole number of its elements',
  })

const selectionRow = z.looseObject({
  kind: z.string(),
  features: z.string(),
  strength: z.number(),
  title: z.string(),
  meanMacroF1: z.number(),
  stdMacroF1: z.number(),
  foldMacroF1: z.array(z.number()),
  fitSeconds: z.number(),
  chosen: z.boolean(),
})

const selection = z.looseObject({
  method: z.enum(['auto', 'fixed']),
  folds: z.number().int().min(0),
  budgetSeconds: z.number().nullable(),
  searchSeconds: z.number(),
  skipped: z.number().int().min(0),
  candidates: z.array(selectionRow),
})

/** A model file's JSON header as written by encodeModelFile; later versions may add keys. */
const storedHeader = z.looseObject({
  kind: z.enum(MODEL_KINDS),
  labels: z
    .array(z.string().min(1))
    .refine((labels) => new Set(labels).size === labels.length, { message: 'labels repeat' }),
  field: z.enum(FIELD_NAMES),
  decision: z.looseObject({
    multiLabel: z.boolean(),
    threshold: z.number(),
    thresholds: z.record(z.string(), z.number()),
    noneLabel: z.string().min(1).nullable(),
  }),
  params: z.record(z.string(), z.unknown()),
  trainingDataHash: z.string(),
  metrics: z.record(z.string(), z.number()),
  selection: selection.optional(),
  decisionRule: z.string().optional(),
  meta: z.record(z.string(), z.unknown()),
  sections: z.array(section),
})

/**
 * Why a parsed header cannot be used, or null when it can. The header is checked, not copied: a
 * copy of JSON with a "__proto__" key would change the copy's prototype.
 */
export function headerProblem(value: unknown): string | null {
  const result = storedHeader.safeParse(value)
  if (result.success) return null
  const issue = result.error.issues[0]!
  return `${issue.path.join('.') || 'header'}: ${issue.message}`
}
