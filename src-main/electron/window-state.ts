import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** Absent: let the system centre the window. */
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const MIN_SIZE = { width: 900, height: 600 }
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false }

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/**
 * The saved size and position, made safe for the screens attached now: sizes are clamped to the
 * minimum and the largest work area, and a position that would leave less than a 100×100 piece of the
 * window on a screen (a monitor that was unplugged) is dropped so the window opens centred.
 */
export function fitWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_WINDOW_STATE
  const s = saved as Record<string, unknown>
  if (!isInt(s.width) || !isInt(s.height)) return DEFAULT_WINDOW_STATE
  const maxWidth = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width))
  const maxHeight = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height))
  const width = Math.min(Math.max(s.width, MIN_SIZE.width), maxWidth)
  const height = Math.min(Math.max(s.height, MIN_SIZE.height), maxHeight)
  const maximized = s.maximized === true
  if (!isInt(s.x) || !isInt(s.y)) return { width, height, maximized }
  const rect = { x: s.x, y: s.y, width, height }
  const visible = workAreas.some((area) => overlap(rect, area) >= 100 * 100)
  return visible ? { ...rect, maximized } : { width, height, maximized }
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  try {
    return fitWindowState(JSON.parse(readFileSync(file, 'utf8')), workAreas)
  } catch {
    return DEFAULT_WINDOW_STATE
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(`${file}.tmp`, JSON.stringify(state))
  renameSync(`${file}.tmp`, file)
}
