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

const INCOMPLETE =
  /Unterminated|Lone quantifier|\\ at end of pattern|Incomplete quantifier|missing/i

function compileError(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** The reason part of V8's "Invalid regular expression: /p/u: reason". */
export function reasonOf(message: string): string {
  return message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '')
}

/**
 * Where a pattern goes wrong (0-based), since the engine says why but not where: the first prefix
 * that fails for a reason more text cannot fix; for unclosed groups or classes, the opening bracket.
 */
export function errorPosition(pattern: string, flags: string): number {
  for (let end = 1; end <= pattern.length; end++) {
    const message = compileError(pattern.slice(0, end), flags)
    if (message && !INCOMPLETE.test(reasonOf(message))) return end - 1
  }
  const reason = reasonOf(compileError(pattern, flags) ?? '')
  const open = /class/i.test(reason) ? '[' : /group/i.test(reason) ? '(' : null
  return open ? unmatchedOpening(pattern, open) : pattern.length
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

/** Compiles one user pattern or throws a PatternError naming the pattern, the position and the reason. */
export function compilePattern(pattern: string, flags: string, context?: string): RegExp {
  if (pattern.length === 0) throw new PatternError(pattern, 'it is empty', null, context)
  const message = compileError(pattern, flags)
  if (message === null) return new RegExp(pattern, flags)
  throw new PatternError(pattern, reasonOf(message), errorPosition(pattern, flags), context)
}
