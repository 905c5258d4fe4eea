import { CHAR_CLASS, SPACE } from './char-class'
import { hashPower, joinHashes, termHash } from './term-hash'
import type { TokenSink } from './tokenize'

const isSpace = (text: string, i: number) => CHAR_CLASS[text.charCodeAt(i)] === SPACE

/** Width in code units of the character at i (2 for a well-formed surrogate pair). */
function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i)
  if (code < 0xd800 || code > 0xdbff || i + 1 >= text.length) return 1
  const low = text.charCodeAt(i + 1)
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1
}

/**
 * Character n-grams (minN..maxN characters) of an already normalised text, as scikit-learn's
 * 'char' analyzer makes them: every whitespace run counts as one space. A gram is a range of the
 * text; one that holds a whitespace run other than a single ' ' is sent as its two sides joined by
 * a space (the sink's two-range form). The rare gram holding two such runs is skipped.
 */
export function forEachCharGram(text: string, minN: number, maxN: number, sink: TokenSink): void {
  // Unit u covers text[starts[u], starts[u + 1]); plain[u] = 0 marks a run to send as ' '.
  const starts: number[] = []
  const plain: number[] = []
  let i = 0
  while (i < text.length) {
    starts.push(i)
    if (isSpace(text, i)) {
      const runStart = i
      while (i < text.length && isSpace(text, i)) i++
      plain.push(i - runStart === 1 && text.charCodeAt(runStart) === 32 ? 1 : 0)
    } else {
      i += widthAt(text, i)
      plain.push(1)
    }
  }
  starts.push(text.length)
  const units = plain.length
  for (let u = 0; u < units; u++) {
    for (let n = minN; n <= maxN && u + n <= units; n++) {
      emitGram(text, starts, plain, u, u + n, sink)
    }
  }
}

function emitGram(
  text: string,
  starts: number[],
  plain: number[],
  from: number,
  to: number,
  sink: TokenSink,
): void {
  let split = -1
  for (let u = from; u < to; u++) {
    if (plain[u]) continue
    if (split >= 0) return
    split = u
  }
  const s1 = starts[from]!
  if (split < 0) return sink.token(text, s1, starts[to]!, -1, -1, termHash(text, s1, starts[to]))
  const [e1, s2, e2] = [starts[split]!, starts[split + 1]!, starts[to]!]
  const hash = joinHashes(termHash(text, s1, e1), termHash(text, s2, e2), hashPower(e2 - s2))
  sink.token(text, s1, e1, s2, e2, hash)
}
