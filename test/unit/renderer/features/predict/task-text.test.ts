import { describe, expect, it } from 'vitest'
import { writtenNote } from '../../../../../src-renderer/src/features/predict/task-text'

describe('writtenNote', () => {
  it('explains why labels written can pass the rows read', () => {
    expect(writtenNote(2112, 2000)).toBe(
      '2,112 labels on 2,000 rows: each label a row got is one output row, so there can be more labels than rows.',
    )
    expect(writtenNote(1, 1)).toBe('1 label on 1 row: each label a row got is one output row.')
    expect(writtenNote(0, 0)).toBe('No labels written yet.')
  })
})
