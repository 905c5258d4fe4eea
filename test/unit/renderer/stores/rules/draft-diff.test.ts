import { describe, expect, it } from 'vitest'
import {
  exclusionDraftDiffers,
  ruleDraftDiffers,
} from '../../../../../src-renderer/src/stores/rules/draft-diff'
import {
  emptyExclusionDraft,
  emptyRuleDraft,
  type RuleDraft,
} from '../../../../../src-renderer/src/stores/rules/state'

const saved: RuleDraft = {
  ...emptyRuleDraft('keyword'),
  name: 'Parents',
  rules: [{ key: 1, label: 'parent', pattern: '媽媽', match: 'partially' }],
}

describe('ruleDraftDiffers', () => {
  it('sees an edit, and no difference once the edit is undone by hand', () => {
    const edited = { ...saved, rules: [{ ...saved.rules[0]!, pattern: '爸爸' }] }
    expect(ruleDraftDiffers(edited, saved)).toBe(true)
    const reverted = { ...edited, rules: [{ ...edited.rules[0]!, pattern: '媽媽', key: 9 }] }
    expect(ruleDraftDiffers(reverted, saved)).toBe(false)
  })

  it('ignores blank rows and surrounding spaces in the name, not the case option', () => {
    const blankRow = { key: 2, label: '', pattern: '', match: 'partially' as const }
    expect(
      ruleDraftDiffers({ ...saved, name: ' Parents ', rules: [...saved.rules, blankRow] }, saved),
    ).toBe(false)
    expect(ruleDraftDiffers({ ...saved, caseSensitive: true }, saved)).toBe(true)
  })
})

describe('exclusionDraftDiffers', () => {
  it('compares the saved patterns, not blank lines', () => {
    const base = { ...emptyExclusionDraft(), name: 'ads', patternsText: 'buy now' }
    expect(exclusionDraftDiffers({ ...base, patternsText: 'buy now\n\n' }, base)).toBe(false)
    expect(exclusionDraftDiffers({ ...base, mode: 'strip' }, base)).toBe(true)
  })
})
