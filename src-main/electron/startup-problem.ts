import { isOutOfSpace } from '../core/errors'
import type { StartupProblem } from './host-protocol'

export interface StartupPaths {
  dataDir: string
  databaseFile: string
  logFile: string
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/** Turns whatever stopped the core from starting into a message, a fix and whether a fresh start helps. */
export function describeStartupFailure(error: unknown, paths: StartupPaths): StartupProblem {
  const detail = messageOf(error)
  const code = codeOf(error)
  const base = { detail, databaseFile: paths.databaseFile, logFile: paths.logFile }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /malformed/i.test(detail)) {
    return {
      ...base,
      kind: 'damaged-workspace',
      message: `The workspace database ${paths.databaseFile} is damaged and cannot be opened.`,
      fix:
        'Restore it from a backup (the backups folder beside it holds copies taken before each upgrade), ' +
        'or start with a fresh workspace: the damaged file is renamed and kept, never deleted.',
      canStartFresh: true,
    }
  }
  if (/newer than this app knows/.test(detail)) {
    return {
      ...base,
      kind: 'newer-workspace',
      message: `The workspace ${paths.databaseFile} was written by a newer Audience Desktop.`,
      fix: 'Install the newer version again, or open another data folder (set AUDIENCE_DATA_DIR).',
      canStartFresh: false,
    }
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code === 'EROFS') {
    return {
      ...base,
      kind: 'no-access',
      message: `Audience Desktop cannot write to its data folder ${paths.dataDir}.`,
      fix: 'Give your user write access to that folder, or set AUDIENCE_DATA_DIR to a folder you own.',
      canStartFresh: false,
    }
  }
  if (isOutOfSpace(error)) {
    return {
      ...base,
      kind: 'disk-full',
      message: `The disk holding ${paths.dataDir} is full.`,
      fix: 'Free some space on that disk, then start Audience Desktop again.',
      canStartFresh: false,
    }
  }
  if (
    code === 'ERR_MODULE_NOT_FOUND' ||
    code === 'MODULE_NOT_FOUND' ||
    /is missing in/.test(detail)
  ) {
    return {
      ...base,
      kind: 'incomplete-install',
      message: 'A part of the installation is missing.',
      fix: 'Reinstall Audience Desktop with the latest installer; your workspace is not affected.',
      canStartFresh: false,
    }
  }
  return {
    ...base,
    kind: 'other',
    message: 'Audience Desktop could not start its core.',
    fix: `Send the log file ${paths.logFile} to whoever supports your installation.`,
    canStartFresh: false,
  }
}
