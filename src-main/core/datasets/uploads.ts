import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { ApiError } from '../../api/errors'
import { newId } from '../ids'

const MAX_BYTES = 64 * 1024 * 1024

/**
 * Files a browser uploaded (it cannot hand the core a path), kept as `<id>-<name>` under
 * `<tmp>/uploads` so that an upload is then read exactly like a path. The tmp folder is emptied
 * when the core starts.
 */
export function createUploads(tmpDir: string) {
  const dir = join(tmpDir, 'uploads')
  const safeName = (fileName: string) =>
    basename(fileName)
      .replace(/[^\p{L}\p{N}._-]+/gu, '_')
      .slice(0, 120) || 'upload'

  return {
    store(fileName: string, contentBase64: string) {
      const bytes = Buffer.from(contentBase64, 'base64')
      if (bytes.length > MAX_BYTES) {
        throw new ApiError(
          'VALIDATION',
          `${fileName} is larger than 64 MB. Import it with the desktop app or \`audience dataset import\`, which read files of any size.`,
        )
      }
      mkdirSync(dir, { recursive: true })
      const upload = newId()
      writeFileSync(join(dir, `${upload}-${safeName(fileName)}`), bytes)
      return { upload, fileName, bytes: bytes.length }
    },

    /** The stored file of an upload id. */
    resolve(upload: string): { path: string; fileName: string } {
      let names: string[] = []
      try {
        names = readdirSync(dir)
      } catch {
        // No upload yet.
      }
      const name = names.find((n) => n.startsWith(`${upload}-`))
      if (!name) {
        throw new ApiError(
          'NOT_FOUND',
          'The uploaded file is gone (it was imported already, or the app restarted). Pick the file again.',
        )
      }
      return { path: join(dir, name), fileName: name.slice(upload.length + 1) }
    },

    remove(upload: string): void {
      try {
        rmSync(this.resolve(upload).path, { force: true })
      } catch {
        // Already gone.
      }
    },
  }
}

export type Uploads = ReturnType<typeof createUploads>
