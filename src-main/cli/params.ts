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
