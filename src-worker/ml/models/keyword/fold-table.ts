function buildFoldTable(caseInsensitive: boolean): Uint16Array {
  const table = new Uint16Array(65536)
  for (let code = 0; code < 65536; code++) {
    const isSurrogate = code >= 0xd800 && code <= 0xdfff
    let folded = isSurrogate ? '' : String.fromCharCode(code).normalize('NFKC')
    if (caseInsensitive) folded = folded.toLowerCase()
    table[code] = folded.length === 1 ? folded.charCodeAt(0) : code
  }
  return table
}

const tables = new Map<boolean, Uint16Array>()

/**
 * Per-code-unit folding applied while scanning, so matching needs no normalised copy of the text:
 * full-width -> half-width and other one-to-one NFKC mappings, plus lower case unless case-sensitive.
 * Built once per process (about 65k normalisations) and never changed afterwards.
 */
export function foldTable(caseInsensitive: boolean): Uint16Array {
  let table = tables.get(caseInsensitive)
  if (!table) {
    table = buildFoldTable(caseInsensitive)
    tables.set(caseInsensitive, table)
  }
  return table
}

export function foldString(text: string, fold: Uint16Array): string {
  let out = ''
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(fold[text.charCodeAt(i)]!)
  return out
}
