import type { ExclusionSnapshot } from '../../api/contract/preprocessing'
import { ApiError } from '../../api/errors'
import { PatternError } from '../../../src-worker/patterns/compile-pattern'
import {
  compileExclusions,
  type CompiledExclusions,
} from '../../../src-worker/preprocess/exclusions'

/** Compiles sets, turning a bad pattern into a VALIDATION error that names it. */
export function compileOrReject(sets: readonly ExclusionSnapshot[]): CompiledExclusions {
  try {
    return compileExclusions(sets)
  } catch (error) {
    if (error instanceof PatternError) {
      throw new ApiError('VALIDATION', error.message, {
        pattern: error.pattern,
        position: error.position,
        reason: error.reason,
      })
    }
    throw error
  }
}
