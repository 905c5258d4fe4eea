import type { Command } from 'commander'
import { TEXT_ENCODINGS, type TextEncoding } from '../api/contract/datasets'
import { CliError, EXIT } from './io'

/** The flags of every command that reads a data file: encoding, header and the column picks. */
export interface ReadFlags {
  encoding: string
  /** False with --no-header. */
  header: boolean
  textColumn?: string
  labelColumn?: string
}

export function oneOf<T extends string>(value: string, options: readonly T[], flag: string): T {
  const found = options.find((option) => option === value)
  if (!found) throw new CliError(`${flag} must be one of ${options.join(', ')}.`, EXIT.usage)
  return found
}

/** Adds --encoding, --text-column, --label-column and --no-header to a command. */
export function addReadFlags(command: Command): Command {
  return command
    .option(
      '--encoding <name>',
      `auto (strict UTF-8, else detected) or ${TEXT_ENCODINGS.join('|')}`,
      'auto',
    )
    .option('--text-column <column>', 'column with the text: a header name, or a position from 1')
    .option(
      '--label-column <column>',
      'column with the labels: a header name, or a position from 1',
    )
    .option('--no-header', 'the first row is data: pick columns by position (--text-column 2)')
}

export const encodingFlag = (value: string): TextEncoding | 'auto' =>
  oneOf(value.toLowerCase(), ['auto', ...TEXT_ENCODINGS], '--encoding')
