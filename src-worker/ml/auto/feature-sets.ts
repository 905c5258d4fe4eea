import { CHAR_CLASS, CJK } from '../text/char-class'
import type { RawParams } from '../models/params'

/** The featurisations automatic selection tries (TF-IDF over each), as scikit-learn names them. */
export const FEATURE_SETS = ['word-1', 'word-1-2', 'char-1-2', 'char-1-3'] as const
export type FeatureSetName = (typeof FEATURE_SETS)[number]

/**
 * Model parameters of each set. Word sets keep the tokenizer's CJK handling (every character of a
 * CJK run, and with 2-grams its character pairs); char sets are character n-grams of the text.
 */
export const FEATURE_SET_PARAMS: Record<FeatureSetName, RawParams> = {
  'word-1': { wordBigrams: false, cjkBigrams: false },
  'word-1-2': { wordBigrams: true, cjkBigrams: true },
  'char-1-2': { charNgrams: 2 },
  'char-1-3': { charNgrams: 3 },
}

export const FEATURE_SET_TITLES: Record<FeatureSetName, string> = {
  'word-1': 'word 1',
  'word-1-2': 'word 1-2',
  'char-1-2': 'char 1-2',
  'char-1-3': 'char 1-3',
}

/** Share of CJK characters among the non-space characters of (a sample of) the texts. */
export function cjkShare(texts: readonly string[], sample = 2000): number {
  let cjk = 0
  let all = 0
  const step = Math.max(1, Math.floor(texts.length / sample))
  for (let t = 0; t < texts.length; t += step) {
    const text = texts[t]!
    for (let i = 0; i < text.length; i++) {
      const kind = CHAR_CLASS[text.charCodeAt(i)]
      if (kind === CJK) cjk++
      all++
    }
  }
  return all === 0 ? 0 : cjk / all
}

/**
 * The order to try feature sets in, the usually strongest first, so a short budget still sees
 * the likely winner: CJK text reads best in character pairs, alphabetic text in words.
 */
export function featureSetOrder(texts: readonly string[]): FeatureSetName[] {
  return cjkShare(texts) >= 0.3
    ? ['char-1-2', 'word-1-2', 'char-1-3', 'word-1']
    : ['word-1-2', 'word-1', 'char-1-3', 'char-1-2']
}
