import { describe, expect, it } from 'vitest'
import { TermCounter } from '../../../../src-worker/ml/features/term-counter'

/** The counter's distinct ids and counts, as a Map, beside the plain count of the same ids. */
function counted(counter: TermCounter, ids: readonly number[]) {
  counter.startDocument()
  const entries = ids.map((id) => counter.add(id))
  const got = new Map<number, number>()
  for (let k = 0; k < counter.size; k++) got.set(counter.ids[k]!, counter.counts[k]!)
  const expected = new Map<number, number>()
  for (const id of ids) expected.set(id, (expected.get(id) ?? 0) + 1)
  return { got, expected, entries }
}

describe('TermCounter', () => {
  it('counts each document from zero, whatever the documents before it held', () => {
    const counter = new TermCounter()
    // A document long enough to grow both the rows (256) and the slots (1,024), then short ones.
    const long = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 1500)
    const documents = [long, [5, 5, 9], [], [1499, 0, 1499, 42], long.slice(0, 700), [5]]
    for (const ids of documents) {
      const { got, expected, entries } = counted(counter, ids)
      expect(got).toEqual(expected)
      // add() returns where its id sits, first-seen order.
      entries.forEach((entry, i) => expect(counter.ids[entry]).toBe(ids[i]))
    }
  })
})
