import { basename, isAbsolute } from 'node:path'
import { isFilePurpose, type FilePurpose } from '../api/desktop'

/** A frame as far as the guard cares: Electron's WebFrameMain has these. */
export interface FrameLike {
  url: string
  parent: unknown
  processId: number
  routingId: number
}

/**
 * IPC is answered only for the app window's main frame showing a trusted URL: not a subframe, not
 * another window, not a page that navigated elsewhere.
 */
export function isAppMainFrame(
  frame: FrameLike | null | undefined,
  mainFrame: FrameLike,
  isTrusted: (url: string) => boolean,
): boolean {
  if (!frame || frame.parent !== null) return false
  if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId)
    return false
  return isTrusted(frame.url)
}

export type PickRequest = { purpose: FilePurpose; defaultName?: string }

/** The page's arguments to pickPath, checked: a known purpose and at most a plain file name. */
export function parsePickRequest(purpose: unknown, options: unknown): PickRequest | null {
  if (!isFilePurpose(purpose)) return null
  if (options === undefined || options === null) return { purpose }
  if (typeof options !== 'object') return null
  const name = (options as { defaultName?: unknown }).defaultName
  if (name === undefined) return { purpose }
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) return null
  if (basename(name) !== name || name.includes('/') || name.includes('\\')) return null
  return { purpose, defaultName: name }
}

/** showInFolder takes only an absolute path (the page gets paths from the core or a dialog). */
export const isRevealablePath = (path: unknown): path is string =>
  typeof path === 'string' && path.length < 4096 && !path.includes('\0') && isAbsolute(path)
