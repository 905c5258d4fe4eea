import { describe, expect, it } from 'vitest'
import { screenFromHash } from '../../../../src-renderer/src/app/routes'

describe('screenFromHash', () => {
  const known = ['datasets', 'settings']

  it('reads the screen id from #/<id>', () => {
    expect(screenFromHash('#/settings', known, 'datasets')).toBe('settings')
    expect(screenFromHash('#/settings/diagnostics', known, 'datasets')).toBe('settings')
  })

  it('falls back for unknown or missing routes', () => {
    expect(screenFromHash('#/nope', known, 'datasets')).toBe('datasets')
    expect(screenFromHash('', known, 'datasets')).toBe('datasets')
    expect(screenFromHash('#token=abc', known, 'datasets')).toBe('datasets')
  })
})
