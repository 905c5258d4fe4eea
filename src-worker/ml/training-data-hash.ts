import { createHash } from 'node:crypto'
import type { TrainingSet } from './models/model'

/** SHA-256 over texts and label sets in order: tells whether two models saw the same data. */
export function trainingDataHash(data: TrainingSet): string {
  const hash = createHash('sha256')
  data.texts.forEach((text, r) => {
    hash.update(text)
    hash.update('\u0000')
    hash.update((data.labels[r] ?? []).join('\u0001'))
    hash.update('\u0000')
  })
  return hash.digest('hex')
}
