import { grownInt32 } from '../features/growable'
import {
  isCjk,
  isPunctuation,
  isSingleCharacterWord,
  isWord,
  keepsOffsets,
  MAX_UNITS,
} from './readable-units'

/** Spans sorted by insertion up to this many (see sortSpans). */
const INSERTION = 32

/**
 * One label's matched string (its readable units' texts joined by ', ') exactly as explainSpans
 * gives the units, for a predict task that writes only that string: the same steps (spans grown
 * to whole words, sorted, merged, repeats of a text kept once at their best weight, the strongest
 * `limit` shown) over typed arrays reused from row to row, so no object per span or unit and no
 * string but the units shown.
 */
export class MatchedUnits {
  /** Spans added since reset(): [3i] start, [3i + 1] end, [3i + 2] candidate. */
  private spans: Int32Array = new Int32Array(3 * 64)
  private count = 0
  private order = new Int32Array(64)
  private scratch = new Int32Array(64)
  /** Units: [2u] start, [2u + 1] end; unit u's candidates are terms[from[u] .. from[u + 1]). */
  private units = new Int32Array(2 * 64)
  private from = new Int32Array(65)
  private terms = new Int32Array(64)
  /** Distinct unit texts: their first unit, best weight, and a hash table over them. */
  private distinct = new Int32Array(64)
  private best = new Float64Array(64)
  private table = new Int32Array(128)
  private hashes = new Int32Array(64)
  private readonly top = new Int32Array(MAX_UNITS)
  private text = ''
  private normalized = ''
  private shown: string | null = null

  /** Starts a row: `normalized` is normalizeText(text). */
  row(text: string, normalized: string): void {
    this.text = text
    this.normalized = normalized
    this.shown = null
  }

  reset(): void {
    this.count = 0
  }

  /**
   * Adds `count` spans as LinearScorer.matchedSpans leaves them: [3i] start, [3i + 1] end in the
   * normalised text, [3i + 2] the candidate (its weight's index in matched()).
   */
  addSpans(spans: Int32Array, count: number): void {
    if (this.spans.length < 3 * (this.count + count))
      this.spans = grownInt32(this.spans, 6 * (this.count + count))
    this.spans.set(spans.subarray(0, 3 * count), 3 * this.count)
    this.count += count
  }

  /**
   * The units of the spans added, candidate c weighing weights[c], as one string; undefined
   * when there is none (explainSpans would leave the label out).
   */
  matched(weights: Float64Array, limit = MAX_UNITS): string | undefined {
    if (this.count === 0) return undefined
    this.growSpans()
    this.sortSpans()
    const units = this.mergeUnits()
    const kept = this.keepDistinct(units, weights)
    const top = this.strongest(kept, Math.min(limit, MAX_UNITS))
    if (top === 0) return undefined
    this.shown ??= keepsOffsets(this.text, this.normalized) ? this.text : this.normalized
    let out = ''
    for (let t = 0; t < top; t++) {
      const u = this.distinct[this.top[t]!]!
      const piece = this.shown.slice(this.units[2 * u], this.units[2 * u + 1])
      out = t === 0 ? piece : `${out}, ${piece}`
    }
    return out
  }

  /** Whole words, punctuation off the edges (as unitsOf). */
  private growSpans(): void {
    const { spans, normalized: text } = this
    for (let at = 0; at < 3 * this.count; at += 3) {
      let start = spans[at]!
      let end = spans[at + 1]!
      while (isWord(text, start - 1) && isWord(text, start)) start--
      while (isWord(text, end - 1) && isWord(text, end)) end++
      while (start < end && isPunctuation(text, start)) start++
      while (end > start && isPunctuation(text, end - 1)) end--
      spans[at] = start
      spans[at + 1] = end
    }
  }

  /** order = the spans by start, longest first at one start, else in the order added (stable). */
  private sortSpans(): void {
    const n = this.count
    if (this.order.length < n) {
      this.order = new Int32Array(2 * n)
      this.scratch = new Int32Array(2 * n)
    }
    for (let i = 0; i < n; i++) this.order[i] = i
    if (n <= INSERTION) {
      // Spans mostly arrive in text order already: few moves, and stable.
      const order = this.order
      for (let i = 1; i < n; i++) {
        let at = i
        for (; at > 0 && this.spanBefore(i, order[at - 1]!); at--) order[at] = order[at - 1]!
        order[at] = i
      }
      return
    }
    // Bottom-up merge sort: stable.
    let from = this.order
    let to = this.scratch
    for (let width = 1; width < n; width *= 2) {
      for (let lo = 0; lo < n; lo += 2 * width) {
        const mid = Math.min(lo + width, n)
        const hi = Math.min(lo + 2 * width, n)
        let i = lo
        let j = mid
        let k = lo
        while (i < mid && j < hi)
          to[k++] = this.spanBefore(from[j]!, from[i]!) ? from[j++]! : from[i++]!
        while (i < mid) to[k++] = from[i++]!
        while (j < hi) to[k++] = from[j++]!
      }
      const sorted = to
      to = from
      from = sorted
    }
    this.order = from
    this.scratch = to
  }

  private spanBefore(a: number, b: number): boolean {
    const spans = this.spans
    return (
      spans[3 * a]! < spans[3 * b]! ||
      (spans[3 * a] === spans[3 * b] && spans[3 * a + 1]! > spans[3 * b + 1]!)
    )
  }

  /** Overlapping spans merge; touching ones only between CJK characters. Returns the units. */
  private mergeUnits(): number {
    const { spans, normalized: text, order } = this
    if (this.units.length < 2 * this.count) {
      this.units = new Int32Array(4 * this.count)
      this.from = new Int32Array(2 * this.count + 1)
    }
    if (this.terms.length < this.count) this.terms = new Int32Array(2 * this.count)
    const { units, from, terms } = this
    let count = 0
    let size = 0
    for (let i = 0; i < this.count; i++) {
      const at = 3 * order[i]!
      const start = spans[at]!
      const end = spans[at + 1]!
      const candidate = spans[at + 2]!
      if (start === end) continue
      const lastEnd = count > 0 ? units[2 * count - 1]! : 0
      const joins =
        count > 0 &&
        (start < lastEnd || (start === lastEnd && isCjk(text, start - 1) && isCjk(text, start)))
      if (joins) {
        units[2 * count - 1] = Math.max(lastEnd, end)
        if (!includes(terms, from[count - 1]!, size, candidate)) terms[size++] = candidate
        continue
      }
      units[2 * count] = start
      units[2 * count + 1] = end
      from[count++] = size
      terms[size++] = candidate
    }
    from[count] = size
    return count
  }

  /** Each text once (its first unit) at the best weight of its units. Returns how many. */
  private keepDistinct(count: number, weights: Float64Array): number {
    const { units, from, terms, normalized: text } = this
    if (this.distinct.length < count) {
      this.distinct = new Int32Array(2 * count)
      this.best = new Float64Array(2 * count)
      this.hashes = new Int32Array(2 * count)
    }
    // Sized by this label's units, not by the largest row seen: clearing it is part of the cost.
    let mask = 15
    while (mask + 1 < 2 * count) mask = 2 * mask + 1
    if (this.table.length <= mask) this.table = new Int32Array(mask + 1)
    else this.table.fill(0, 0, mask + 1)
    const { distinct, best, hashes, table } = this
    let kept = 0
    for (let u = 0; u < count; u++) {
      const start = units[2 * u]!
      const end = units[2 * u + 1]!
      if (isSingleCharacterWord(text, start, end)) continue
      let weight = 0
      for (let t = from[u]!; t < from[u + 1]!; t++) weight += weights[terms[t]!]!
      const hash = rangeHash(text, start, end)
      let slot = hash & mask
      for (; table[slot] !== 0; slot = (slot + 1) & mask) {
        const d = table[slot]! - 1
        if (hashes[d] === hash && this.sameText(distinct[d]!, start, end)) break
      }
      if (table[slot] !== 0) {
        const d = table[slot]! - 1
        best[d] = Math.max(best[d]!, weight)
        continue
      }
      table[slot] = kept + 1
      distinct[kept] = u
      best[kept] = weight
      hashes[kept++] = hash
    }
    return kept
  }

  private sameText(unit: number, start: number, end: number): boolean {
    const text = this.normalized
    const other = this.units[2 * unit]!
    if (this.units[2 * unit + 1]! - other !== end - start) return false
    for (let i = 0; i < end - start; i++)
      if (text.charCodeAt(other + i) !== text.charCodeAt(start + i)) return false
    return true
  }

  /** top = the `limit` strongest distinct texts, by weight then first in the text. */
  private strongest(kept: number, limit: number): number {
    const top = this.top
    let size = 0
    for (let d = 0; d < kept; d++) {
      if (size === limit && !this.stronger(d, top[limit - 1]!)) continue
      let at = size < limit ? size++ : limit - 1
      for (; at > 0 && this.stronger(d, top[at - 1]!); at--) top[at] = top[at - 1]!
      top[at] = d
    }
    return size
  }

  private stronger(a: number, b: number): boolean {
    const { best, distinct, units } = this
    return (
      best[a]! > best[b]! ||
      (best[a] === best[b] && units[2 * distinct[a]!]! < units[2 * distinct[b]!]!)
    )
  }
}

function includes(array: Int32Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (array[i] === value) return true
  return false
}

function rangeHash(text: string, start: number, end: number): number {
  let hash = end - start
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return (hash ^ (hash >>> 15)) & 0x7fffffff
}
