// The cross-validation table is part of the contract: a version shows it as the worker wrote it.
export type {
  ModelSelection,
  SelectionRow,
  SkippedCandidate,
} from '../../../src-main/api/contract/models'
