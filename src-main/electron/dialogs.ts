import { app, dialog, type BrowserWindow } from 'electron'
import { dirname, join } from 'node:path'
import { FILE_PURPOSES, type FilePurposeSpec } from '../api/desktop'
import type { PickRequest } from './ipc-guards'

/** Native open/save dialogs; each purpose starts in the folder last used for it. */
export function createPathDialogs() {
  const lastDir = new Map<string, string>()

  return async function pickPath(
    window: BrowserWindow,
    request: PickRequest,
  ): Promise<string | null> {
    const spec: FilePurposeSpec = FILE_PURPOSES[request.purpose]
    const startDir = lastDir.get(request.purpose) ?? app.getPath('documents')
    const filters = spec.filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }))
    let chosen: string | null = null
    if (spec.mode === 'open') {
      const result = await dialog.showOpenDialog(window, {
        title: spec.title,
        defaultPath: startDir,
        filters,
        properties: ['openFile'],
      })
      chosen = result.canceled ? null : (result.filePaths[0] ?? null)
    } else {
      const result = await dialog.showSaveDialog(window, {
        title: spec.title,
        defaultPath: request.defaultName ? join(startDir, request.defaultName) : startDir,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      })
      chosen = result.canceled || !result.filePath ? null : result.filePath
    }
    if (chosen) lastDir.set(request.purpose, dirname(chosen))
    return chosen
  }
}
