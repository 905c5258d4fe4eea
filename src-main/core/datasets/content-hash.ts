import { hash } from 'node:crypto'

/** Whitespace that `normalizeText` would change: any but a plain space, or a space before another. */
const UNCOLLAPSED = /[^\S ]| \s/

/** Normalised text: Unicode NFC, whitespace runs collapsed, trimmed. Exact duplicates share it. */
export const normalizeText = (text: string): string => {
  const nfc = text.normalize('NFC')
  return (UNCOLLAPSED.test(nfc) ? nfc.replace(/\s+/g, ' ') : nfc).trim()
}

export const contentHash = (text: string): string => hash('sha1', normalizeText(text), 'hex')
