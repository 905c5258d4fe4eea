import { Option } from 'commander'
import { CSV_FLAVOURS } from '../api/contract/common'
import { CliError, EXIT } from './io'

/** Repeated `--param name=value` options; values stay text, the model's parameter reader parses them. */
export function parseParams(pairs: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=')
      if (at <= 0)
        throw new CliError(`--param ${pair}: use name=value, e.g. --param C=0.5.`, EXIT.usage)
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
}

/** `--csv-flavour raw|excel` for commands that write CSV; raw (exact text) unless asked. */
export const csvFlavourOption = () =>
  new Option(
    '--csv-flavour <flavour>',
    'raw: exact text, for other programs; excel: adds a byte-order mark and makes cells starting with = + - @ safe',
  )
    .choices(CSV_FLAVOURS)
    .default('raw')
