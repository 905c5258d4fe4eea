import { describe, expect, it } from 'vitest'
import { workbenchMatchOf } from '../../../../../src-renderer/src/stores/rules/selectors'
import { getInitialRulesState } from '../../../../../src-renderer/src/stores/rules/state'

const match = {
  documentId: 7,
  text: 'my wife',
  gold: [],
  spans: [{ start: 3, end: 7, ruleIndex: 0 }],
}
const state = {
  ...getInitialRulesState(),
  datasetId: 'a'.repeat(32),
  workbench: { documents: 10, rules: [], labels: [], matches: [match], elapsedMs: 1 },
}

describe('rule matches for the open document in Annotate', () => {
  it('come from the workbench run on the same dataset, document and text only', () => {
    expect(workbenchMatchOf('a'.repeat(32), 7, 'my wife')(state)).toBe(match)
    expect(workbenchMatchOf('b'.repeat(32), 7, 'my wife')(state)).toBeUndefined()
    expect(workbenchMatchOf('a'.repeat(32), 8, 'my wife')(state)).toBeUndefined()
    // The workbench measured another field (title + content): its spans do not fit this text.
    expect(workbenchMatchOf('a'.repeat(32), 7, 'title my wife')(state)).toBeUndefined()
    expect(workbenchMatchOf('a'.repeat(32), 7, 'my wife')(getInitialRulesState())).toBeUndefined()
  })
})
