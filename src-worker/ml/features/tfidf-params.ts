import type { ParamReader } from '../models/params'
import { DEFAULT_TOKENIZE_OPTIONS } from '../text/tokenize'
import type { TfidfParams } from './tfidf'

/** Longest character n-grams a model may ask for (charNgrams=N gives 1..N). */
export const MAX_CHAR_NGRAMS = 5

export function readTfidfParams(reader: ParamReader): TfidfParams {
  const charNgrams = reader.number(
    'charNgrams',
    0,
    (v) => Number.isInteger(v) && v >= 0 && v <= MAX_CHAR_NGRAMS,
  )
  return {
    minDf: reader.number('minDf', 1, (v) => v >= 1 && Number.isInteger(v)),
    maxDf: reader.number('maxDf', 1, (v) => v > 0 && v <= 1),
    maxFeatures: reader.number('maxFeatures', 0, (v) => v >= 0 && Number.isInteger(v)),
    tokenize: {
      minWordLength: reader.number('minWordLength', DEFAULT_TOKENIZE_OPTIONS.minWordLength),
      wordBigrams: reader.boolean('wordBigrams', DEFAULT_TOKENIZE_OPTIONS.wordBigrams),
      cjkBigrams: reader.boolean('cjkBigrams', DEFAULT_TOKENIZE_OPTIONS.cjkBigrams),
      // Absent rather than 0, so files of word models stay as they were.
      ...(charNgrams > 0 ? { charNgrams } : {}),
    },
  }
}
