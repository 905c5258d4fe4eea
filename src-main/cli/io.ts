/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const

/** A failure the CLI reports as one line on stderr with the given exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** True when the user asked for machine-readable output. */
  json: boolean
  /** True when stdout is a terminal (progress bars only then). */
  tty: boolean
  /** True when stderr is a terminal: progress is one line redrawn in place there. */
  errTty: boolean
  /** Writes to stderr as is (no newline), for a line redrawn with `\r`. */
  errRaw(text: string): void
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2))
}

/** Aligns rows under a header; the one table format of the CLI. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}
