import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_STATE,
  fitWindowState,
  loadWindowState,
  saveWindowState,
} from '../../../src-main/electron/window-state'
import { makeTempDir } from '../../helpers/temp-dir'

const laptop = [{ x: 0, y: 0, width: 1920, height: 1040 }]

describe('window size and position', () => {
  it('restores what was saved when it fits the screens attached now', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900, maximized: true }
    expect(fitWindowState(saved, laptop)).toEqual(saved)
  })

  it('drops a position left on an unplugged monitor, and clamps sizes', () => {
    expect(fitWindowState({ x: 3000, y: 100, width: 5000, height: 100 }, laptop)).toEqual({
      width: 1920,
      height: 600,
      maximized: false,
    })
  })

  it('falls back to the default for anything that is not a saved state', () => {
    for (const bad of [null, 'x', { width: '1' }, { width: 1.5, height: 2 }, []])
      expect(fitWindowState(bad, laptop)).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('saves atomically and reads back; a damaged file gives the default', () => {
    const temp = makeTempDir()
    try {
      const file = join(temp.dir, 'profile', 'window-state.json')
      expect(loadWindowState(file, laptop)).toEqual(DEFAULT_WINDOW_STATE)
      saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: false })
      expect(loadWindowState(file, laptop)).toEqual({
        x: 10,
        y: 20,
        width: 1000,
        height: 700,
        maximized: false,
      })
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ width: 1000 })
    } finally {
      temp.cleanup()
    }
  })
})
