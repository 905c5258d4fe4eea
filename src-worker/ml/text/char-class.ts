export const SEPARATOR = 0
export const WORD = 1
export const CJK = 2
export const HIGH_SURROGATE = 3
export const SPACE = 4

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
const SPACE_CHAR = /[\s\p{Z}\p{Cc}]/u
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006\u30fc]/u

function classify(code: number): number {
  if (code >= 0xd800 && code <= 0xdbff) return HIGH_SURROGATE
  if (code >= 0xdc00 && code <= 0xdfff) return SEPARATOR
  const char = String.fromCharCode(code)
  if (SPACE_CHAR.test(char)) return SPACE
  if (CJK_CHAR.test(char)) return CJK
  return WORD_CHAR.test(char) ? WORD : SEPARATOR
}

function buildTable(): Uint8Array {
  const table = new Uint8Array(65536)
  for (let code = 0; code < 65536; code++) table[code] = classify(code)
  return table
}

/** Class of every UTF-16 code unit, computed once: a table lookup is far cheaper than \p{} tests. */
export const CHAR_CLASS: Readonly<Uint8Array> = buildTable()

/** Class of a supplementary code point (after a surrogate pair), e.g. CJK extension B. */
export function classifyCodePoint(codePoint: number): number {
  const char = String.fromCodePoint(codePoint)
  if (CJK_CHAR.test(char)) return CJK
  return WORD_CHAR.test(char) ? WORD : SEPARATOR
}
