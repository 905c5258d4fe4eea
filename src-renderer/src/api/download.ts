import { TOKEN_STORAGE_KEY } from './token'

/** True inside the desktop window, where files the core writes can be opened from their path. */
export const isDesktop = (): boolean => 'desktop' in window && Boolean(window.desktop)

function bridgeToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY)
  } catch {
    return null
  }
}

/** The last segment of a workspace path (either separator). */
export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path

/** Hands bytes the page already has to the browser's download manager. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Give the download manager time to pick the blob up before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * In the browser, fetches a file the core wrote into the workspace (`exports/…`, `evaluations/…`)
 * through the bridge's token-guarded download route and saves it. Throws with a message to show.
 */
export async function downloadWorkspaceFile(
  relativePath: string,
  fileName?: string,
): Promise<void> {
  const token = bridgeToken()
  const path = relativePath.replace(/\\/g, '/')
  const response = await fetch(`/api/download?path=${encodeURIComponent(path)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  if (!response.ok) {
    throw new Error(`The download failed (HTTP ${response.status}): export the file again.`)
  }
  saveBlob(await response.blob(), fileName ?? baseName(path))
}
