import type { RuleEntry } from '../../api/contract/rules'
import { ApiError } from '../../api/errors'
import type { KeywordRule, RegexRule } from '../../../src-worker/ml'
import { compilePattern, PatternError } from '../../../src-worker/patterns/compile-pattern'

export const toKeywordRules = (rules: readonly RuleEntry[]): KeywordRule[] =>
  rules.map((r) => ({ label: r.label, keyword: r.pattern, match: r.match ?? 'partially' }))

export const toRegexRules = (rules: readonly RuleEntry[]): RegexRule[] =>
  rules.map((r) => ({ label: r.label, pattern: r.pattern }))

/** Every regex must compile; the first that does not is named with its position and reason. */
export function assertRegexRules(rules: readonly RuleEntry[], caseSensitive: boolean): void {
  rules.forEach((rule, i) => {
    try {
      compilePattern(rule.pattern, caseSensitive ? 'u' : 'iu', `Rule ${i + 1} (${rule.label})`)
    } catch (error) {
      if (!(error instanceof PatternError)) throw error
      throw new ApiError('VALIDATION', error.message, {
        rule: i,
        pattern: error.pattern,
        position: error.position,
        reason: error.reason,
      })
    }
  })
}

/** `keyword<TAB>match_type` lines, one file per label. */
export function toRuleFiles(kind: 'keyword' | 'regex', rules: readonly RuleEntry[]) {
  const byLabel = new Map<string, string[]>()
  for (const rule of rules) {
    const line = kind === 'keyword' ? `${rule.pattern}\t${rule.match ?? 'partially'}` : rule.pattern
    byLabel.set(rule.label, [...(byLabel.get(rule.label) ?? []), line])
  }
  return [...byLabel].map(([label, lines]) => ({
    fileName: `${label.replace(/[\\/:*?"<>|]/g, '_')}.txt`,
    content: lines.join('\n') + '\n',
  }))
}
