import type { ParamReader } from '../models/params'
import { DEFAULT_TOKENIZE_OPTIONS } from '../text/tokenize'
import type { TfidfParams } from './tfidf'

export function readTfidfParams(reader: ParamReader): TfidfParams {
  return {
    minDf: reader.number('minDf', 1, (v) => v >= 1 && Number.isInteger(v)),
    maxDf: reader.number('maxDf', 1, (v) => v > 0 && v <= 1),
    maxFeatures: reader.number('maxFeatures', 0, (v) => v >= 0 && Number.isInteger(v)),
    tokenize: {
      minWordLength: reader.number('minWordLength', DEFAULT_TOKENIZE_OPTIONS.minWordLength),
      wordBigrams: reader.boolean('wordBigrams', DEFAULT_TOKENIZE_OPTIONS.wordBigrams),
      cjkBigrams: reader.boolean('cjkBigrams', DEFAULT_TOKENIZE_OPTIONS.cjkBigrams),
    },
  }
}
