import { describe, expect, it } from 'vitest'
import {
  isAppMainFrame,
  isRevealablePath,
  parsePickRequest,
} from '../../../src-main/electron/ipc-guards'

const main = { url: 'app://audience/index.html', parent: null, processId: 4, routingId: 1 }
const trusted = (url: string) => url.startsWith('app://audience/')

describe('IPC guards', () => {
  it('accept only the app window main frame on a trusted URL', () => {
    expect(isAppMainFrame({ ...main }, main, trusted)).toBe(true)
    expect(isAppMainFrame(null, main, trusted)).toBe(false)
    expect(isAppMainFrame({ ...main, parent: main, routingId: 7 }, main, trusted)).toBe(false)
    expect(isAppMainFrame({ ...main, routingId: 2 }, main, trusted)).toBe(false)
    expect(isAppMainFrame({ ...main, processId: 9 }, main, trusted)).toBe(false)
    expect(isAppMainFrame({ ...main, url: 'https://evil.example/' }, main, trusted)).toBe(false)
  })

  it('take a known purpose and at most a plain file name for dialogs', () => {
    expect(parsePickRequest('dataset-import', undefined)).toEqual({ purpose: 'dataset-import' })
    expect(parsePickRequest('dataset-export', { defaultName: 'demo.jsonl' })).toEqual({
      purpose: 'dataset-export',
      defaultName: 'demo.jsonl',
    })
    expect(parsePickRequest('toString', undefined)).toBeNull()
    expect(parsePickRequest('dataset-export', { defaultName: '../../.bashrc' })).toBeNull()
    expect(parsePickRequest('dataset-export', { defaultName: 'a\\b.csv' })).toBeNull()
    expect(parsePickRequest('dataset-export', { defaultName: 3 })).toBeNull()
    expect(parsePickRequest('dataset-export', 'x')).toBeNull()
  })

  it('reveal only absolute paths', () => {
    expect(isRevealablePath('/home/me/exports/a.csv')).toBe(true)
    expect(isRevealablePath('exports/a.csv')).toBe(false)
    expect(isRevealablePath('/a\0b')).toBe(false)
    expect(isRevealablePath(42)).toBe(false)
  })
})
