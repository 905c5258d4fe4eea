import { z } from 'zod'
import { hexId, type EpochMs } from './common'
import { MODEL_FIELDS, type ModelField } from './models'

export const KEYWORD_MATCHES = ['partially', 'start', 'end', 'exactly'] as const
export type KeywordMatch = (typeof KEYWORD_MATCHES)[number]

/** One rule: a keyword (with its match type) or a regular expression that gives `label`. */
export interface RuleEntry {
  label: string
  pattern: string
  /** Keyword sets only. */
  match?: KeywordMatch
}

export interface RuleSetSummary {
  id: string
  name: string
  kind: 'keyword' | 'regex'
  field: ModelField
  caseSensitive: boolean
  ruleCount: number
  labels: string[]
  updatedAt: EpochMs
}

export interface RuleSet extends RuleSetSummary {
  rules: RuleEntry[]
}

export interface RuleStats {
  /** Index in the rules array. */
  index: number
  /** Documents the rule matches. */
  coverage: number
  /** Matched documents whose gold labels include the rule's label. */
  correct: number
  incorrect: number
  precision: number
  /** Matched documents another rule of the same label also matches. */
  overlaps: number
  /** Matched documents a rule of another label also matches. */
  conflicts: number
}

export interface LabelRuleStats {
  label: string
  coverage: number
  correct: number
  precision: number
  /** Share of documents with this gold label that some rule of the label matches. */
  recall: number
  support: number
}

export interface WorkbenchResult {
  documents: number
  rules: RuleStats[]
  labels: LabelRuleStats[]
  /** Documents matched by `focusRule` (or by any rule), with the matched spans. */
  matches: {
    documentId: number
    text: string
    gold: string[]
    spans: { start: number; end: number; ruleIndex: number }[]
  }[]
  elapsedMs: number
}

const ruleEntry = z
  .object({
    label: z.string().trim().min(1).max(200),
    pattern: z.string().min(1).max(2000),
    match: z.enum(KEYWORD_MATCHES).optional(),
  })
  .strict()

const ruleDraft = z
  .object({
    kind: z.enum(['keyword', 'regex']),
    field: z.enum(MODEL_FIELDS).default('content'),
    caseSensitive: z.boolean().default(false),
    rules: z.array(ruleEntry).max(200_000),
  })
  .strict()

export const ruleSchemas = {
  'rules.listSets': z.object({}).strict(),
  'rules.getSet': z.object({ id: hexId }).strict(),
  'rules.saveSet': ruleDraft
    .extend({ id: hexId.optional(), name: z.string().trim().min(1).max(120) })
    .strict(),
  'rules.deleteSet': z.object({ id: hexId }).strict(),
  'rules.importFiles': z
    .object({
      name: z.string().trim().min(1).max(120),
      kind: z.enum(['keyword', 'regex']).default('keyword'),
      field: z.enum(MODEL_FIELDS).default('content'),
      /** One file per label (`keyword<TAB>match_type` lines); the label is the file name without extension. */
      files: z
        .array(
          z
            .object({
              fileName: z.string().min(1).max(300),
              content: z.string().max(32 * 1024 * 1024),
            })
            .strict(),
        )
        .min(1)
        .max(500),
    })
    .strict(),
  'rules.exportFiles': z.object({ id: hexId }).strict(),
  'rules.workbench': z
    .object({
      draft: ruleDraft,
      datasetId: hexId,
      focusRule: z.number().int().min(0).optional(),
      examples: z.number().int().min(0).max(500).default(50),
    })
    .strict(),
}

type In<M extends keyof typeof ruleSchemas> = z.input<(typeof ruleSchemas)[M]>

export interface RuleMethods {
  /** Lists keyword and regex rule sets by name. */
  'rules.listSets': (p: In<'rules.listSets'>) => Promise<RuleSetSummary[]>
  /** One rule set with its rules. */
  'rules.getSet': (p: In<'rules.getSet'>) => Promise<RuleSet>
  /** Creates or replaces a rule set; an invalid regex is named with its position and reason. */
  'rules.saveSet': (p: In<'rules.saveSet'>) => Promise<RuleSet>
  /** Deletes a rule set (model versions built from it keep their own copy). */
  'rules.deleteSet': (p: In<'rules.deleteSet'>) => Promise<{ deleted: true }>
  /** Creates a rule set from rule files, one per label; a bad line is reported with file and line. */
  'rules.importFiles': (p: In<'rules.importFiles'>) => Promise<RuleSet>
  /** The rule set as rule files, one per label. */
  'rules.exportFiles': (
    p: In<'rules.exportFiles'>,
  ) => Promise<{ files: { fileName: string; content: string }[] }>
  /** Live statistics of a draft rule set against a labelled dataset, computed in a worker. */
  'rules.workbench': (p: In<'rules.workbench'>) => Promise<WorkbenchResult>
}
