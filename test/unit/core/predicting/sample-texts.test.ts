import { describe, expect, it } from 'vitest'
import { fieldOfModel } from '../../../../src-main/core/predicting/sample-texts'

const model = (name: string, version: string, field: 'content' | 'title') => ({
  name,
  version,
  field,
  resolvedVersion: `${name}@${version}`,
})

describe('the field a sampled row’s model read', () => {
  const fieldOf = fieldOfModel([
    model('demo', 'aaaaaaaaaaaa', 'content'),
    model('Titles', 'f'.repeat(32), 'title'),
    null,
  ])

  it('is the field of the model written as that version', () => {
    expect(fieldOf('demo@aaaaaaaaaaaa')).toBe('content')
    expect(fieldOf(`Titles@${'f'.repeat(32)}`)).toBe('title')
  })

  it('matches rows of a resumed run whose model changed: by name, then by version', () => {
    expect(fieldOf('demo@bbbbbbbbbbbb')).toBe('content')
    expect(fieldOf(`Renamed titles@${'f'.repeat(32)}`)).toBe('title')
  })

  it('is unknown for a model the task did not resolve', () => {
    expect(fieldOf('other@cccccccccccc')).toBeNull()
  })
})
