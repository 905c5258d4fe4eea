/** A user's regular expression that does not compile: names the pattern, where, and why. */
export class PatternError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
    /** 0-based index of the offending character, when it can be told. */
    readonly position: number | null,
    readonly context?: string,
  ) {
    const where = position === null ? '' : ` at character ${position + 1}`
    super(
      `${context ? `${context}: ` : ''}the pattern /${pattern}/ is invalid${where}: ${reason}. ` +
        'Fix or remove it and save again.',
    )
    this.name = 'PatternError'
  }
}

/**
 * The JavaScript engine reports why a pattern fails but not where. This scan finds the usual culprits:
 * an unmatched parenthesis, an unterminated character class, a quantifier with nothing to repeat.
 */
export function locatePatternError(pattern: string): number | null {
  const open: number[] = []
  let classStart = -1
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      if (i === pattern.length - 1) return i
      i++
      continue
    }
    if (classStart >= 0) {
      if (c === ']') classStart = -1
      continue
    }
    if (c === '[') classStart = i
    else if (c === '(') open.push(i)
    else if (c === ')') {
      if (open.length === 0) return i
      open.pop()
    } else if (
      (c === '*' || c === '+' || c === '?') &&
      (i === 0 || '(|'.includes(pattern[i - 1] ?? ''))
    ) {
      return i
    }
  }
  if (classStart >= 0) return classStart
  return open.length > 0 ? (open[open.length - 1] ?? null) : null
}

/** Compiles one user pattern or throws a PatternError naming the pattern, the position and the reason. */
export function compilePattern(pattern: string, flags: string, context?: string): RegExp {
  if (pattern.length === 0) throw new PatternError(pattern, 'it is empty', null, context)
  try {
    return new RegExp(pattern, flags)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const reason = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '')
    throw new PatternError(pattern, reason, locatePatternError(pattern), context)
  }
}
