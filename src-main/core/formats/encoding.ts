import { TextDecoder } from 'node:util'
import type { TextEncoding } from '../../api/contract/datasets'

const decoderLabel: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
}

/** Reads the BOM, or for BOM-less UTF-16 the zero-byte pattern of ASCII text; everything else is UTF-8. */
export function detectEncoding(head: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  const [a, b, c] = head
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 }
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  if (head.length >= 4 && a !== 0 && b === 0 && head[2] !== 0 && head[3] === 0) {
    return { encoding: 'utf-16le', bomLength: 0 }
  }
  if (head.length >= 4 && a === 0 && b !== 0 && head[2] === 0 && head[3] !== 0) {
    return { encoding: 'utf-16be', bomLength: 0 }
  }
  return { encoding: 'utf-8', bomLength: 0 }
}

export interface DecodedText {
  /** Known once the first chunk has been read. */
  encoding(): TextEncoding
  chunks: AsyncIterable<string>
}

/** Decodes a byte stream chunk by chunk (never whole), detecting the encoding from its first bytes. */
export function decodeBytes(source: AsyncIterable<Uint8Array>): DecodedText {
  let encoding: TextEncoding = 'utf-8'
  async function* chunks(): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null
    let pending: Uint8Array = new Uint8Array(0)
    for await (const bytes of source) {
      if (decoder) {
        yield decoder.decode(bytes, { stream: true })
        continue
      }
      pending = concat(pending, bytes)
      if (pending.length < 4) continue
      const detected = detectEncoding(pending)
      encoding = detected.encoding
      decoder = new TextDecoder(decoderLabel[encoding], { ignoreBOM: true })
      yield decoder.decode(pending.subarray(detected.bomLength), { stream: true })
    }
    if (!decoder) {
      const detected = detectEncoding(pending)
      encoding = detected.encoding
      decoder = new TextDecoder(decoderLabel[encoding], { ignoreBOM: true })
      yield decoder.decode(pending.subarray(detected.bomLength), { stream: true })
    }
    const rest = decoder.decode()
    if (rest) yield rest
  }
  return { encoding: () => encoding, chunks: chunks() }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
