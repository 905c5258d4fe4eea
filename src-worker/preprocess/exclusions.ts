import { compilePattern } from '../patterns/compile-pattern'
import { watchIdle, watchOverBudget, watchTest } from '../patterns/regex-watch'

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

/** Outcomes of many texts, compact enough to cross threads. */
export interface ExcludedTexts {
  /** Per text: KEPT, DROPPED or CHANGED. */
  status: Uint8Array
  /** The text after stripping where the status is CHANGED; holes elsewhere. */
  texts: string[]
  /** Per text dropped or changed: the pattern that did it, numbered across the sets in order (-1: none). */
  matched: Int32Array
}

export const KEPT = 0
export const DROPPED = 1
export const CHANGED = 2

/** Where a batch publishes the pattern it runs, and how long one test of one text may take. */
export interface ExclusionWatch {
  cells?: Int32Array | undefined
  budgetMs: number
  /** Watch group of each set (default: its index in the compiled list). */
  groups?: readonly number[]
}

interface CompiledPattern {
  pattern: string
  regex: RegExp
  /** Index of the pattern across all sets, in the order given. */
  flat: number
}

interface CompiledSet {
  spec: ExclusionSetSpec
  index: number
  regexes: CompiledPattern[]
}

interface Outcome {
  status: number
  text: string
  matched: { set: CompiledSet; pattern: CompiledPattern } | null
}

const WHITESPACE_RUNS = /\s{2,}/g

export function exclusionTimeoutMessage(setName: string, pattern: string, budgetMs: number) {
  return (
    `Exclusion set "${setName}": the pattern /${pattern}/ ran longer than ${budgetMs} ms on one text ` +
    'and was stopped; simplify it (it probably backtracks catastrophically: avoid nested repetition ' +
    'such as (a+)+) and save the set again.'
  )
}

/** Drop sets run first (a dropped document is not stripped), then strip sets in the given order. */
export function compileExclusions(sets: readonly ExclusionSetSpec[]) {
  let flat = 0
  const compiled: CompiledSet[] = sets.map((spec, index) => {
    const flags = `gu${spec.caseSensitive ? '' : 'i'}`
    return {
      spec,
      index,
      regexes: spec.patterns.map((pattern) => ({
        pattern,
        regex: compilePattern(pattern, flags, `Exclusion set "${spec.name}"`),
        flat: flat++,
      })),
    }
  })
  const drops = compiled.filter((c) => c.spec.mode === 'drop')
  const strips = compiled.filter((c) => c.spec.mode === 'strip')

  /** Runs one pattern's test or replace; with a watch, published and held to the budget. */
  function timed<T>(
    watch: ExclusionWatch | undefined,
    set: CompiledSet,
    p: number,
    work: () => T,
  ): T {
    if (!watch) return work()
    const group = watch.groups?.[set.index] ?? set.index
    watchTest(watch.cells, 'exclusion', group, p)
    const before = performance.now()
    const result = work()
    if (performance.now() - before > watch.budgetMs) {
      watchOverBudget(watch.cells, 'exclusion', group, p)
      throw new Error(
        exclusionTimeoutMessage(set.spec.name, set.regexes[p]!.pattern, watch.budgetMs),
      )
    }
    return result
  }

  function outcomeOf(text: string, watch?: ExclusionWatch): Outcome {
    for (const set of drops) {
      for (const [p, entry] of set.regexes.entries()) {
        entry.regex.lastIndex = 0
        if (timed(watch, set, p, () => entry.regex.test(text)))
          return { status: DROPPED, text, matched: { set, pattern: entry } }
      }
    }
    let out = text
    let matched: Outcome['matched'] = null
    for (const set of strips) {
      for (const [p, entry] of set.regexes.entries()) {
        entry.regex.lastIndex = 0
        const next = timed(watch, set, p, () => out.replace(entry.regex, ' '))
        if (next !== out) {
          matched ??= { set, pattern: entry }
          out = next
        }
      }
    }
    if (matched === null) return { status: KEPT, text, matched }
    return { status: CHANGED, text: out.replace(WHITESPACE_RUNS, ' ').trim(), matched }
  }

  return {
    isEmpty: compiled.length === 0,
    apply(text: string): ExclusionOutcome {
      const { status, text: out, matched } = outcomeOf(text)
      return {
        dropped: status === DROPPED,
        text: out,
        changed: status === CHANGED,
        matchedBy: matched && { setName: matched.set.spec.name, pattern: matched.pattern.pattern },
      }
    },
    /**
     * Every text, publishing each test in `watch.cells` (so a caller can stop a stuck thread and name
     * the pattern); a test that finishes over the budget fails the batch, naming the set and pattern.
     */
    applyAll(texts: readonly string[], watch?: ExclusionWatch): ExcludedTexts {
      const status = new Uint8Array(texts.length)
      const out = new Array<string>(texts.length)
      const matched = new Int32Array(texts.length).fill(-1)
      texts.forEach((text, i) => {
        const outcome = outcomeOf(text, watch)
        status[i] = outcome.status
        if (outcome.status === CHANGED) out[i] = outcome.text
        if (outcome.matched) matched[i] = outcome.matched.pattern.flat
      })
      // Left as it is on failure, so the caller can name the pattern.
      watchIdle(watch?.cells)
      return { status, texts: out, matched }
    },
  }
}

/** The pattern numbered `flat` across the sets in order (see ExcludedTexts.matched). */
export function patternAt(sets: readonly ExclusionSetSpec[], flat: number): string | null {
  let rest = flat
  for (const set of sets) {
    if (rest < set.patterns.length) return set.patterns[rest] ?? null
    rest -= set.patterns.length
  }
  return null
}

export type CompiledExclusions = ReturnType<typeof compileExclusions>
