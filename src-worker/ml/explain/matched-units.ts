import { keepsOffsets } from './readable-units'

/**
 * One label's matched string (its readable units' texts joined by ', ') from the units the
 * scoring kernel chose as explainSpans would (matchedUnits in src-wasm/linear-score.ts: spans
 * grown to whole words, sorted, merged, repeats of a text kept once at their best weight, the
 * strongest shown), cut from the original text where normalisation kept offsets.
 */
export class MatchedUnits {
  private text = ''
  private normalized = ''
  private shown: string | null = null

  /** Starts a row: `normalized` is normalizeText(text). */
  row(text: string, normalized: string): void {
    this.text = text
    this.normalized = normalized
    this.shown = null
  }

  /** The first `count` units of `units` (start, end in the normalised text) as one string. */
  joined(units: Int32Array, count: number): string {
    this.shown ??= keepsOffsets(this.text, this.normalized) ? this.text : this.normalized
    let out = ''
    for (let t = 0; t < count; t++) {
      const piece = this.shown.slice(units[2 * t], units[2 * t + 1])
      out = t === 0 ? piece : `${out}, ${piece}`
    }
    return out
  }
}
