import { hash } from 'node:crypto'

/** Whitespace that `normalizeText` would change: any but a plain space, or a space before another. */
const UNCOLLAPSED = /[^\S ]| \s/

/**
 * A character outside the ranges no normalisation step changes: printable ASCII, Latin-1 to
 * spacing modifiers (no U+00A0), general punctuation (no spaces or separators), CJK punctuation
 * (no U+3000 or combining tone marks), kana (no combining marks), CJK ideographs, Hangul syllables
 * and fullwidth ASCII. Each is a starter that NFC keeps as is and that never composes with the
 * character before it (test/unit/core/datasets/content-hash.test.ts checks every one), so a text of
 * them alone is in NFC already.
 */
export const NOT_PLAIN =
  /[^ -~\u00a1-\u02ff\u2010-\u2027\u2030-\u205e\u3001-\u3029\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff5e]/

const SPACES = / {2,}/g

/** Normalised text: Unicode NFC, whitespace runs collapsed, trimmed. Exact duplicates share it. */
export const normalizeText = (text: string): string => {
  // Most posts are plain: NFC would change nothing, and their only whitespace is spaces.
  if (!NOT_PLAIN.test(text)) return (text.includes('  ') ? text.replace(SPACES, ' ') : text).trim()
  const nfc = text.normalize('NFC')
  return (UNCOLLAPSED.test(nfc) ? nfc.replace(/\s+/g, ' ') : nfc).trim()
}

export const contentHash = (text: string): string => hash('sha1', normalizeText(text), 'hex')
