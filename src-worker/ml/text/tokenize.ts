import {
  CHAR_CLASS,
  CJK,
  HIGH_SURROGATE,
  SEPARATOR,
  SPACE,
  WORD,
  classifyCodePoint,
} from './char-class'
import { forEachCharGram } from './char-grams'
import { HASH_BASE, joinHashes, POWER_2 } from './term-hash'

export { HASH_BASE, joinHashes, termHash } from './term-hash'

export interface TokenizeOptions {
  /** Shorter words are dropped (as scikit-learn's default token pattern does). */
  minWordLength: number
  /** Emit word 2-grams next to words. */
  wordBigrams: boolean
  /** Emit character 2-grams (and run-edge markers) in CJK runs next to single characters. */
  cjkBigrams: boolean
  /**
   * Character n-grams of 1 to this many characters over the whole text instead of words and CJK
   * runs (scikit-learn's 'char' analyzer); 0 or absent: words.
   */
  charNgrams?: number
}

export const DEFAULT_TOKENIZE_OPTIONS: TokenizeOptions = {
  minWordLength: 2,
  wordBigrams: true,
  cjkBigrams: true,
}

/**
 * Receives tokens as ranges of the text, so no string is built per token: the token is
 * text[s1, e1), or text[s1, e1) + ' ' + text[s2, e2) when s2 >= 0 (word 2-grams, run edges).
 * `hash` is termHash of the token's code units, rolled along while scanning.
 */
export interface TokenSink {
  token(text: string, s1: number, e1: number, s2: number, e2: number, hash: number): void
}

/** Class of the character at i, and its width in code units (2 for a surrogate pair). */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  const kind = CHAR_CLASS[code]!
  if (kind !== HIGH_SURROGATE) return kind
  const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
  if (low < 0xdc00 || low > 0xdfff) return SEPARATOR
  return classifyCodePoint(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000) | 8
}

/**
 * Script-aware tokens of an already normalised text, run by whitespace-separated run. A run
 * holding CJK gives every character and character 2-gram (Latin letters and digits inside it
 * too: Chinese writes "A股", "5G", "3月" without spaces) plus markers for its first and last
 * character. Other runs give words of letters/digits and word 2-grams across runs.
 */
export function forEachToken(text: string, options: TokenizeOptions, sink: TokenSink): void {
  if (options.charNgrams) return forEachCharGram(text, 1, options.charNgrams, sink)
  const length = text.length
  let previous = -1
  let previousEnd = -1
  let previousHash = 0
  let i = 0
  while (i < length) {
    while (i < length && CHAR_CLASS[text.charCodeAt(i)] === SPACE) i++
    const start = i
    let hasCjk = false
    while (i < length && CHAR_CLASS[text.charCodeAt(i)] !== SPACE) {
      const kind = classAt(text, i)
      if ((kind & 7) === CJK) hasCjk = true
      i += kind & 8 ? 2 : 1
    }
    if (start === i) break
    if (hasCjk) {
      characterGrams(text, start, i, options, sink)
      previous = -1
      continue
    }
    let wordStart = -1
    let hash = 0
    let power = 1
    for (let k = start; k <= i;) {
      const kind = k < i ? classAt(text, k) : SEPARATOR
      const width = kind & 8 ? 2 : 1
      if ((kind & 7) === WORD) {
        if (wordStart < 0) {
          wordStart = k
          hash = 0
          power = 1
        }
        for (let u = k; u < k + width; u++) {
          hash = (Math.imul(hash, HASH_BASE) + text.charCodeAt(u)) | 0
          power = Math.imul(power, HASH_BASE)
        }
      } else if (wordStart >= 0) {
        if (k - wordStart >= options.minWordLength) {
          sink.token(text, wordStart, k, -1, -1, hash)
          if (previous >= 0 && options.wordBigrams)
            sink.token(
              text,
              previous,
              previousEnd,
              wordStart,
              k,
              joinHashes(previousHash, hash, power),
            )
          previous = wordStart
          previousEnd = k
          previousHash = hash
        }
        wordStart = -1
      }
      k += width
    }
  }
}

function characterGrams(
  text: string,
  start: number,
  end: number,
  options: TokenizeOptions,
  sink: TokenSink,
) {
  let previous = -1
  let previousHash = 0
  for (let k = start; k < end;) {
    const width = classAt(text, k) & 8 ? 2 : 1
    const code = text.charCodeAt(k)
    const hash = width === 1 ? code : (Math.imul(code, HASH_BASE) + text.charCodeAt(k + 1)) | 0
    const power = width === 1 ? HASH_BASE : POWER_2
    sink.token(text, k, k + width, -1, -1, hash)
    if (options.cjkBigrams) {
      if (previous >= 0)
        sink.token(text, previous, k + width, -1, -1, (Math.imul(previousHash, power) + hash) | 0)
      else sink.token(text, k, k, k, k + width, joinHashes(0, hash, power))
    }
    previous = k
    previousHash = hash
    k += width
  }
  if (options.cjkBigrams) sink.token(text, previous, end, end, end, joinHashes(previousHash, 0, 1))
}

/** Tokens as strings: for tests, explanations and rule import, not for hot paths. */
export function tokenize(text: string, options: TokenizeOptions = DEFAULT_TOKENIZE_OPTIONS) {
  const tokens: string[] = []
  forEachToken(text, options, {
    token: (t, s1, e1, s2, e2) =>
      tokens.push(s2 >= 0 ? `${t.slice(s1, e1)} ${t.slice(s2, e2)}` : t.slice(s1, e1)),
  })
  return tokens
}
