import type { Split } from '../../api/contract/datasets'
import type { ModelField, ModelType } from '../../api/contract/models'
import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import type { KeywordRule, RegexRule } from '../../../src-worker/ml'

export interface TrainingConfig {
  name: string
  datasetId: string
  kind: ModelType
  field: ModelField
  params: Record<string, string | number | boolean>
  trainSplits: (Split | 'none')[]
  testSplit: Split | 'none' | null
  /** Copied at start so the task trains with exactly what the user saw. */
  exclusions: ExclusionSnapshot[]
  keywordRules?: KeywordRule[]
  regexRules?: RegexRule[]
  multiLabel: boolean
  seed: number
}

export interface TrainingStats {
  modelId: string
  evaluationId: string | null
  trainDocuments: number
  testDocuments: number
  excludedDocuments: number
}
