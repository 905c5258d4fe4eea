const NON_ASCII = /[^ -~\t\n\r]/

/**
 * NFKC (which also maps full-width ASCII and the ideographic space to their half-width forms)
 * followed by case folding. Pure ASCII skips NFKC, which is the identity there.
 */
export function normalizeText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase()
  return text.normalize('NFKC').toLowerCase()
}

/** NFKC without case folding, for case-sensitive rules. */
export function normalizeKeepCase(text: string): string {
  if (!NON_ASCII.test(text)) return text
  return text.normalize('NFKC')
}
