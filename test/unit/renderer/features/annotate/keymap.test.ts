import { describe, expect, it } from 'vitest'
import {
  commandForKey,
  isTypingTarget,
  type KeyLike,
} from '../../../../../src-renderer/src/features/annotate/keymap'

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
})

const LABELS = [
  { id: 7, shortcut: '1' },
  { id: 8, shortcut: 'q' },
  { id: 9, shortcut: null },
]

describe('commandForKey', () => {
  it('maps label shortcuts, letters case-insensitively', () => {
    expect(commandForKey(key('1'), LABELS)).toEqual({ kind: 'label', labelId: 7 })
    expect(commandForKey(key('q'), LABELS)).toEqual({ kind: 'label', labelId: 8 })
    expect(commandForKey(key('Q', { shiftKey: true }), LABELS)).toEqual({
      kind: 'label',
      labelId: 8,
    })
    expect(commandForKey(key('2'), LABELS)).toBeNull()
  })

  it('maps navigation, confirm, undo/redo, search and help', () => {
    expect(commandForKey(key('Enter'), LABELS)).toEqual({ kind: 'confirm' })
    expect(commandForKey(key('ArrowRight'), LABELS)).toEqual({ kind: 'next' })
    expect(commandForKey(key('ArrowDown'), LABELS)).toEqual({ kind: 'next' })
    expect(commandForKey(key('ArrowLeft'), LABELS)).toEqual({ kind: 'previous' })
    expect(commandForKey(key('ArrowUp'), LABELS)).toEqual({ kind: 'previous' })
    expect(commandForKey(key('Backspace'), LABELS)).toEqual({ kind: 'undo' })
    expect(commandForKey(key('z', { ctrlKey: true }), LABELS)).toEqual({ kind: 'undo' })
    expect(commandForKey(key('z', { metaKey: true }), LABELS)).toEqual({ kind: 'undo' })
    expect(commandForKey(key('Z', { ctrlKey: true, shiftKey: true }), LABELS)).toEqual({
      kind: 'redo',
    })
    expect(commandForKey(key('y', { ctrlKey: true }), LABELS)).toEqual({ kind: 'redo' })
    expect(commandForKey(key('/'), LABELS)).toEqual({ kind: 'search' })
    expect(commandForKey(key('?', { shiftKey: true }), LABELS)).toEqual({ kind: 'help' })
  })

  it('leaves other modified keys alone (Ctrl+1, Alt+q, Ctrl+C)', () => {
    expect(commandForKey(key('1', { ctrlKey: true }), LABELS)).toBeNull()
    expect(commandForKey(key('q', { altKey: true }), LABELS)).toBeNull()
    expect(commandForKey(key('c', { ctrlKey: true }), LABELS)).toBeNull()
    expect(commandForKey(key('Tab'), LABELS)).toBeNull()
  })
})

describe('isTypingTarget', () => {
  it('is true for text fields, selects, textareas and contenteditable', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true)
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true)
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true)
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true)
  })

  it('is false for buttons, checkboxes, the list and the page', () => {
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'color' })).toBe(false)
    expect(isTypingTarget({ tagName: 'DIV' })).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })
})
