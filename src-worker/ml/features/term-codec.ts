/** Terms as one UTF-8 section, newline-separated (tokens never contain a newline). */
export function encodeTerms(terms: readonly string[]): Uint8Array {
  for (const term of terms) {
    if (term.includes('\n')) throw new Error(`Term ${JSON.stringify(term)} contains a line break.`)
  }
  return new TextEncoder().encode(terms.join('\n'))
}

export function decodeTerms(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return []
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).split('\n')
}
