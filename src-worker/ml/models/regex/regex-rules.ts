export interface RegexRule {
  label: string
  pattern: string
}

const INCOMPLETE =
  /Unterminated|Lone quantifier|\\ at end of pattern|Incomplete quantifier|missing/i

function compileError(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags)
    return null
  } catch (error) {
    return (error as Error).message
  }
}

/** The reason part of V8's "Invalid regular expression: /p/u: reason". */
function reasonOf(message: string): string {
  const at = message.lastIndexOf(': ')
  return at >= 0 ? message.slice(at + 2) : message
}

/**
 * Where a pattern goes wrong (0-based): the first prefix that fails for a reason more text cannot
 * fix; for unclosed groups or classes, the opening bracket; otherwise the end.
 */
export function errorPosition(pattern: string, flags: string): number {
  for (let end = 1; end <= pattern.length; end++) {
    const message = compileError(pattern.slice(0, end), flags)
    if (message && !INCOMPLETE.test(reasonOf(message))) return end - 1
  }
  const reason = reasonOf(compileError(pattern, flags) ?? '')
  const open = /class/i.test(reason) ? '[' : /group/i.test(reason) ? '(' : null
  if (open) return unmatchedOpening(pattern, open)
  return pattern.length
}

function unmatchedOpening(pattern: string, open: '[' | '('): number {
  const stack: number[] = []
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
      continue
    }
    if (inClass) {
      if (c === ']') {
        inClass = false
        if (open === '[') stack.pop()
      }
    } else if (c === '[') {
      inClass = true
      if (open === '[') stack.push(i)
    } else if (c === '(' && open === '(') stack.push(i)
    else if (c === ')' && open === '(') stack.pop()
  }
  return stack.at(-1) ?? pattern.length
}

export function regexFlags(caseSensitive: boolean): string {
  return caseSensitive ? 'u' : 'iu'
}

/** Compiles every rule, or fails naming the first invalid pattern, its position and the reason. */
export function compileRegexRules(rules: readonly RegexRule[], caseSensitive: boolean): RegExp[] {
  const flags = regexFlags(caseSensitive)
  return rules.map((rule, i) => {
    const message = compileError(rule.pattern, flags)
    if (message === null) return new RegExp(rule.pattern, flags)
    const position = errorPosition(rule.pattern, flags)
    throw new Error(
      `Regex ${i + 1} of label "${rule.label}", /${rule.pattern}/, is invalid at position ${position}: ` +
        `${reasonOf(message)}. Fix the pattern and load the rules again.`,
    )
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
