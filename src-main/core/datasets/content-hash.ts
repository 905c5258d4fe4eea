import { createHash } from 'node:crypto'

/** Normalised text: Unicode NFC, whitespace runs collapsed, trimmed. Exact duplicates share it. */
export const normalizeText = (text: string): string =>
  text.normalize('NFC').replace(/\s+/g, ' ').trim()

export const contentHash = (text: string): string =>
  createHash('sha1').update(normalizeText(text)).digest('hex')
