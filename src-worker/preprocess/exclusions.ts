import { compilePattern } from '../patterns/compile-pattern'

/** A named set of regular expressions applied to texts before a model sees them. */
export interface ExclusionSetSpec {
  id: string
  name: string
  /** Revision of the set; a model version records the one it was trained with. */
  version: number
  /** drop: a matching document is left out; strip: the matched text is removed. */
  mode: 'drop' | 'strip'
  patterns: readonly string[]
  caseSensitive: boolean
}

export interface ExclusionOutcome {
  dropped: boolean
  /** The text after stripping (unchanged when nothing matched). */
  text: string
  changed: boolean
  /** The set and pattern that dropped the document, or that stripped first. */
  matchedBy: { setName: string; pattern: string } | null
}

interface CompiledSet {
  spec: ExclusionSetSpec
  regexes: { pattern: string; regex: RegExp }[]
}

const WHITESPACE_RUNS = /\s{2,}/g

/** Drop sets run first (a dropped document is not stripped), then strip sets in the given order. */
export function compileExclusions(sets: readonly ExclusionSetSpec[]) {
  const compiled: CompiledSet[] = sets.map((spec) => {
    const flags = `gu${spec.caseSensitive ? '' : 'i'}`
    return {
      spec,
      regexes: spec.patterns.map((pattern) => ({
        pattern,
        regex: compilePattern(pattern, flags, `Exclusion set "${spec.name}"`),
      })),
    }
  })
  const drops = compiled.filter((c) => c.spec.mode === 'drop')
  const strips = compiled.filter((c) => c.spec.mode === 'strip')

  return {
    isEmpty: compiled.length === 0,
    apply(text: string): ExclusionOutcome {
      for (const set of drops) {
        for (const { pattern, regex } of set.regexes) {
          regex.lastIndex = 0
          if (regex.test(text)) {
            return {
              dropped: true,
              text,
              changed: false,
              matchedBy: { setName: set.spec.name, pattern },
            }
          }
        }
      }
      let out = text
      let matchedBy: ExclusionOutcome['matchedBy'] = null
      for (const set of strips) {
        for (const { pattern, regex } of set.regexes) {
          regex.lastIndex = 0
          const next = out.replace(regex, ' ')
          if (next !== out) {
            matchedBy ??= { setName: set.spec.name, pattern }
            out = next
          }
        }
      }
      if (matchedBy === null) return { dropped: false, text, changed: false, matchedBy }
      return {
        dropped: false,
        text: out.replace(WHITESPACE_RUNS, ' ').trim(),
        changed: true,
        matchedBy,
      }
    },
  }
}

export type CompiledExclusions = ReturnType<typeof compileExclusions>
