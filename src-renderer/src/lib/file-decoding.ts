import type { TextEncoding } from '@api/dto'

export interface DecodedFile {
  text: string
  encoding: TextEncoding
}

/**
 * Decodes a picked file's bytes by its byte-order mark. `File.text()` would read UTF-16 files as
 * UTF-8 garbage, so the screen decodes here and sends the core the text.
 */
export function decodeFileBytes(bytes: Uint8Array): DecodedFile {
  const [a, b, c] = [bytes[0], bytes[1], bytes[2]]
  if (a === 0xff && b === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' }
  }
  if (a === 0xfe && b === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' }
  }
  // TextDecoder drops a UTF-8 BOM by itself.
  const encoding: TextEncoding = a === 0xef && b === 0xbb && c === 0xbf ? 'utf-8-bom' : 'utf-8'
  return { text: new TextDecoder('utf-8').decode(bytes), encoding }
}

/** "posts.csv" → "posts": a default dataset name for an import. */
export function datasetNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  return base.trim() || 'Imported dataset'
}

/** Reads a browser File as base64 (for models.importFile's contentBase64). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}
