import { describe, expect, it } from 'vitest'
import { extractToken } from '../../../../src-renderer/src/api/token'

describe('extractToken', () => {
  it('takes the token out of the fragment the bridge prints', () => {
    expect(extractToken('#token=abc-_123')).toEqual({ token: 'abc-_123', hash: '' })
  })

  it('keeps other fragment parameters', () => {
    expect(extractToken('#token=abc&x=1')).toEqual({ token: 'abc', hash: '#x=1' })
    expect(extractToken('#x=1&token=abc')).toEqual({ token: 'abc', hash: '#x=1' })
  })

  it('leaves routes and empty fragments alone', () => {
    expect(extractToken('#/settings')).toEqual({ token: null, hash: '#/settings' })
    expect(extractToken('')).toEqual({ token: null, hash: '' })
    expect(extractToken('#')).toEqual({ token: null, hash: '#' })
  })

  it('ignores an empty token', () => {
    expect(extractToken('#token=')).toEqual({ token: null, hash: '#token=' })
  })
})
