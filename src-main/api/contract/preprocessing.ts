import { z } from 'zod'
import { hexId, type EpochMs } from './common'

export const EXCLUSION_MODES = ['drop', 'strip'] as const
export type ExclusionMode = (typeof EXCLUSION_MODES)[number]

export interface ExclusionSet {
  id: string
  name: string
  /** drop: matching documents are left out; strip: the matched text is removed. */
  mode: ExclusionMode
  patterns: string[]
  caseSensitive: boolean
  /** Bumped on every save; model versions record the revision they were trained with. */
  version: number
  createdAt: EpochMs
  updatedAt: EpochMs
}

/** The exact sets a model was trained with, copied so later edits do not change what it saw. */
export type ExclusionSnapshot = Pick<
  ExclusionSet,
  'id' | 'name' | 'mode' | 'patterns' | 'caseSensitive' | 'version'
>

export interface ExclusionTestResult {
  documents: number
  dropped: number
  changed: number
  examples: { documentId: number; before: string; after: string | null; matchedBy: string }[]
}

const exclusionDraft = z
  .object({
    name: z.string().trim().min(1).max(100),
    mode: z.enum(EXCLUSION_MODES),
    patterns: z.array(z.string().min(1).max(2000)).min(1).max(5000),
    caseSensitive: z.boolean().default(false),
  })
  .strict()

export const preprocessingSchemas = {
  'preprocessing.listSets': z.object({}).strict(),
  'preprocessing.saveSet': exclusionDraft.extend({ id: hexId.optional() }).strict(),
  'preprocessing.deleteSet': z.object({ id: hexId }).strict(),
  'preprocessing.testSet': z
    .object({
      datasetId: hexId,
      /** A saved set, or the draft being edited. */
      setId: hexId.optional(),
      draft: exclusionDraft.optional(),
      field: z.enum(['content', 'title', 'author', 'sourceId']).default('content'),
      examples: z.number().int().min(0).max(200).default(20),
    })
    .strict()
    .refine((p) => (p.setId === undefined) !== (p.draft === undefined), {
      message: 'give either setId or draft',
      path: ['setId'],
    }),
}

type In<M extends keyof typeof preprocessingSchemas> = z.input<(typeof preprocessingSchemas)[M]>

export interface PreprocessingMethods {
  /** Lists the exclusion sets by name. */
  'preprocessing.listSets': (p: In<'preprocessing.listSets'>) => Promise<ExclusionSet[]>
  /** Creates or updates a set; every pattern is compiled first and an invalid one is named in the error. */
  'preprocessing.saveSet': (p: In<'preprocessing.saveSet'>) => Promise<ExclusionSet>
  /** Deletes a set; model versions keep their own copy of the sets they were trained with. */
  'preprocessing.deleteSet': (p: In<'preprocessing.deleteSet'>) => Promise<{ deleted: true }>
  /** Runs a saved or draft set over a dataset: how many documents it drops or changes, with examples. */
  'preprocessing.testSet': (p: In<'preprocessing.testSet'>) => Promise<ExclusionTestResult>
}
