import { constants } from 'node:fs'
import { open, realpath, type FileHandle } from 'node:fs/promises'
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { basename, extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream'
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES as TYPES } from '../host/web-content'
import { decodePath, sendError } from './request-guard'

/** Errors that mean "there is no such file" rather than "the disk failed". */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'ENAMETOOLONG'])
const isMissing = (error: unknown) => MISSING.has((error as NodeJS.ErrnoException).code ?? '')

// O_NONBLOCK: opening a FIFO must not hold a thread until some writer appears (no-op for regular files).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * Opens first and asks the open handle what it is, so nothing can change between a check and the
 * read. Null when the file is missing or is not a regular file; other failures throw.
 */
async function openRegularFile(
  file: string,
  flags = READ_FLAGS,
): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle
  try {
    handle = await open(file, flags)
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
  try {
    const info = await handle.stat()
    if (info.isFile()) return { handle, size: info.size }
  } catch (error) {
    await handle.close()
    throw error
  }
  await handle.close()
  return null
}

/** Streams an opened file; a read error after the headers went out cuts the response (pipeline). */
function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: { handle: FileHandle; size: number },
  headers: OutgoingHttpHeaders,
  log: (error: unknown) => void,
): void {
  res.writeHead(200, { ...headers, 'content-length': file.size })
  if (req.method === 'HEAD' || file.size === 0) {
    res.end()
    file.handle.close().catch(log)
    return
  }
  // `end` keeps the body to the length announced, even if the file grows meanwhile.
  pipeline(file.handle.createReadStream({ start: 0, end: file.size - 1 }), res, (error) => {
    if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') log(error)
  })
}

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export async function serveStatic(
  rootDir: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
  log: (error: unknown) => void,
): Promise<void> {
  const relative = normalize(decodePath(urlPath)).replace(/^([/\\])+/, '')
  const file = join(rootDir, relative)
  if (!file.startsWith(rootDir + sep) && file !== rootDir) {
    res.writeHead(403).end()
    return
  }
  const index = join(rootDir, 'index.html')
  let served = file
  let found = await openRegularFile(file)
  if (!found) {
    served = index
    found = await openRegularFile(index)
  }
  if (!found) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The renderer is not built. Run "npm run build", then start the bridge again.')
    return
  }
  const headers = {
    'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  }
  sendFile(req, res, found, headers, log)
}

/** Folders of the workspace a browser may download from (exports, validation details). */
const DOWNLOADABLE = ['exports', 'evaluations']

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path)
  } catch (error) {
    if (isMissing(error)) return null
    throw error
  }
}

/**
 * Sends a file the app wrote into the workspace, as an attachment. The browser cannot read local paths,
 * so this is how exports and validation details reach the user in bridge mode. Paths are compared
 * after resolving symlinks, so a link inside exports/ cannot reach a file outside the workspace.
 */
export async function serveDownload(
  dataDir: string,
  relativePath: string,
  req: IncomingMessage,
  res: ServerResponse,
  log: (error: unknown) => void,
): Promise<void> {
  const notFound = () =>
    sendError(res, 404, 'NOT_FOUND', 'No such export. Export it again, then download it.')
  if (relativePath.includes('\0')) return notFound()
  const root = await realpath(dataDir)
  const wanted = resolve(dataDir, relativePath)
  const file = await realpathOrNull(wanted)
  if (!file || !DOWNLOADABLE.some((folder) => file.startsWith(join(root, folder) + sep))) {
    return notFound()
  }
  // O_NOFOLLOW: the real path was checked; a symlink put in its place since is refused (ELOOP).
  const found = await openRegularFile(file, READ_FLAGS | (constants.O_NOFOLLOW ?? 0))
  if (!found) return notFound()
  const headers = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-disposition': `attachment; filename="${encodeURIComponent(basename(wanted))}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  }
  sendFile(req, res, found, headers, log)
}
