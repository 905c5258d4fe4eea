import { compilePattern, PatternError } from '../../../patterns/compile-pattern'

export interface RegexRule {
  label: string
  pattern: string
}

export function regexFlags(caseSensitive: boolean): string {
  return caseSensitive ? 'u' : 'iu'
}

/** Compiles every rule, or fails naming the first invalid pattern, its position and the reason. */
export function compileRegexRules(rules: readonly RegexRule[], caseSensitive: boolean): RegExp[] {
  const flags = regexFlags(caseSensitive)
  return rules.map((rule, i) => {
    try {
      return compilePattern(rule.pattern, flags)
    } catch (error) {
      if (!(error instanceof PatternError)) throw error
      throw new Error(
        `Regex ${i + 1} of label "${rule.label}", /${rule.pattern}/, is invalid at position ${error.position}: ` +
          `${error.reason}. Fix the pattern and load the rules again.`,
      )
    }
  })
}

export function regexTimeoutMessage(rule: RegexRule, budgetMs: number): string {
  return (
    `Regex /${rule.pattern}/ of label "${rule.label}" ran longer than ${budgetMs} ms on one batch and was ` +
    'stopped: it probably backtracks catastrophically. Rewrite it without nested repetition such as (a+)+.'
  )
}

/** Rules from objects (JSON or CSV rows) with label and pattern. */
export function regexRulesFromRecords(records: readonly Record<string, unknown>[], source: string) {
  return records.map((record, i): RegexRule => {
    const { label, pattern } = record
    if (typeof label !== 'string' || label.trim() === '')
      throw new Error(`${source} rule ${i + 1}: label is missing.`)
    if (typeof pattern !== 'string' || pattern === '')
      throw new Error(`${source} rule ${i + 1}: pattern is missing.`)
    return { label: label.trim(), pattern }
  })
}

/** One label per file, one pattern per line; blank lines and # comments skipped (# label: NAME header). */
export function parseRegexRuleText(text: string, fileLabel: string): RegexRule[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = /^#\s*label\s*:\s*(.+)$/i.exec(lines[0]?.trim() ?? '')
  const label = header ? header[1]!.trim() : fileLabel
  return lines
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => ({ label, pattern: line.replace(/\s+$/, '') }))
}
