import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { inspect } from 'node:util'

export interface FileLogOptions {
  /** The platform's log folder (Electron's `app.getPath('logs')`). */
  dir: string
  /** One file per process: `main` → main.log, `core` → core.log. */
  name: string
  /** Rotate once the file would grow past this (default 5 MiB). */
  maxBytes?: number
  /** Rotated files kept beside the live one: name.1.log (newest) … name.<keep>.log (default 3). */
  keep?: number
  now?: () => Date
}

export type LogLevel = 'info' | 'warn' | 'error'

export interface FileLog {
  readonly file: string
  write(level: LogLevel, message: string): void
  info(message: string): void
  /** The core's `log` hook: an error with its stack, or anything else inspected. */
  error(error: unknown, context?: string): void
}

const describe = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : inspect(error)

/**
 * A small rotating file sink. Writes are synchronous on purpose: the lines that matter most are the
 * ones written just before a process dies, and errors are rare enough that a blocking append costs
 * nothing measurable. A log that cannot be written never takes the process down.
 */
export function createFileLog(options: FileLogOptions): FileLog {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024
  const keep = Math.max(1, options.keep ?? 3)
  const now = options.now ?? (() => new Date())
  const file = join(options.dir, `${options.name}.log`)
  const rotated = (i: number) => join(options.dir, `${options.name}.${i}.log`)

  function rotate(): void {
    rmSync(rotated(keep), { force: true })
    for (let i = keep - 1; i >= 1; i--)
      if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1))
    renameSync(file, rotated(1))
  }

  function write(level: LogLevel, message: string): void {
    const line = `${now().toISOString()} [${level}] (pid ${process.pid}) ${message}\n`
    try {
      mkdirSync(options.dir, { recursive: true })
      const size = existsSync(file) ? statSync(file).size : 0
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate()
      appendFileSync(file, line)
    } catch (error) {
      console.error(`Cannot write the log file ${file}:`, error)
    }
  }

  return {
    file,
    write,
    info: (message) => write('info', message),
    error: (error, context) =>
      write('error', context ? `${context}: ${describe(error)}` : describe(error)),
  }
}
