import jschardet from 'jschardet'
import {
  ENCODING_NAMES,
  TEXT_ENCODINGS,
  type TextEncoding,
} from '../../../src-main/api/contract/datasets'
import { ApiError } from '../../../src-main/api/errors'

export { ENCODING_NAMES, TEXT_ENCODINGS, type TextEncoding }

/** What Node's and Chromium's TextDecoder call each encoding. */
const DECODER_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  big5: 'big5',
  gb18030: 'gb18030',
  shift_jis: 'shift_jis',
  'euc-jp': 'euc-jp',
  'euc-kr': 'euc-kr',
  'windows-1252': 'windows-1252',
}

/** The detector's names for the legacy encodings we decode (it knows many more). */
const DETECTOR_NAMES: Record<string, TextEncoding> = {
  big5: 'big5',
  gb18030: 'gb18030',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  shift_jis: 'shift_jis',
  cp932: 'shift_jis',
  'euc-jp': 'euc-jp',
  'euc-kr': 'euc-kr',
  cp949: 'euc-kr',
  'windows-1252': 'windows-1252',
  'iso-8859-1': 'windows-1252',
}
const DETECTABLE = ['Big5', 'GB18030', 'GB2312', 'SHIFT_JIS', 'CP932', 'EUC-JP', 'EUC-KR']
const DETECTABLE_LATIN = ['windows-1252', 'ISO-8859-1']

/** Bytes the detector looks at (more is slower and rarely changes the answer). */
export const SAMPLE_BYTES = 64 * 1024

export interface DetectedEncoding {
  encoding: TextEncoding
  /** Bytes of byte-order mark to skip. */
  bomLength: number
  /** 1 for a BOM or valid UTF-8; the statistical detector's confidence (0..1) otherwise. */
  confidence: number
}

const BOMS: [TextEncoding, number[]][] = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
]

export const bomLengthOf = (encoding: TextEncoding, head: Uint8Array): number => {
  const bom = BOMS.find(([e]) => DECODER_LABEL[e] === DECODER_LABEL[encoding])?.[1]
  return bom && bom.every((b, i) => head[i] === b) ? bom.length : 0
}

/**
 * Index of the first byte that is not part of valid UTF-8, or -1. When `final` is false a
 * sequence cut off by the end of `bytes` is not an error (the next chunk may complete it).
 */
export function firstInvalidUtf8(bytes: Uint8Array, final = true): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0
      else if (b === 0xed) hi = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      else if (b === 0xf4) hi = 0x8f
    } else return i
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return final ? i : -1
      const c = bytes[i + k]!
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i
    }
    i += need + 1
  }
  return -1
}

/** UTF-16 without a BOM: ASCII-range text has a zero in every other byte. */
function utf16WithoutBom(head: Uint8Array): TextEncoding | null {
  const n = Math.min(head.length, 2048) & ~1
  if (n < 4) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++
    if (head[i + 1] === 0) oddZeros++
  }
  const pairs = n / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return null
}

/** True when `bytes` decode without error in `encoding` (an incomplete last character is fine unless final). */
export function decodesCleanly(bytes: Uint8Array, encoding: TextEncoding, final: boolean): boolean {
  try {
    new TextDecoder(DECODER_LABEL[encoding], { fatal: true }).decode(bytes, { stream: !final })
    return true
  } catch {
    return false
  }
}

/**
 * Strict UTF-8 first; then a byte-order mark or BOM-less UTF-16; then the statistical detector
 * (jschardet) over the legacy encodings, keeping its answer only when the sample really decodes in
 * it. `head` is the first bytes of the file (`final` when that is the whole file).
 */
export function detectEncoding(head: Uint8Array, final: boolean, source: string): DetectedEncoding {
  for (const [encoding, bom] of BOMS) {
    if (bom.every((b, i) => head[i] === b))
      return { encoding, bomLength: bom.length, confidence: 1 }
  }
  const utf16 = utf16WithoutBom(head)
  if (utf16) return { encoding: utf16, bomLength: 0, confidence: 0.9 }
  const badUtf8 = firstInvalidUtf8(head, final)
  if (badUtf8 < 0) return { encoding: 'utf-8', bomLength: 0, confidence: 1 }
  const sample = head.subarray(0, SAMPLE_BYTES)
  const guesses = [
    jschardet.detect(sample, { detectEncodings: DETECTABLE }),
    jschardet.detect(sample, { detectEncodings: [...DETECTABLE, ...DETECTABLE_LATIN] }),
  ]
  for (const guess of guesses) {
    const encoding = DETECTOR_NAMES[(guess.encoding ?? '').toLowerCase()]
    if (encoding && decodesCleanly(sample, encoding, final && sample.length === head.length))
      return { encoding, bomLength: 0, confidence: guess.confidence }
  }
  throw new ApiError(
    'VALIDATION',
    `${source} is not UTF-8 (the first bad byte is at offset ${badUtf8}) and does not read as ` +
      'Big5, GB18030, Shift_JIS, EUC-KR or Windows-1252 either. Choose its encoding, or save it as UTF-8.',
    { offset: badUtf8 },
  )
}

export interface DecodeOptions {
  /** `auto` detects from the first bytes. */
  encoding: TextEncoding | 'auto'
  /** Named in error messages (a file name). */
  source: string
  /**
   * fail (default): a byte that does not decode is an error naming its offset; replace: it becomes
   * U+FFFD (long predict runs count such texts instead of stopping).
   */
  invalid?: 'fail' | 'replace'
}

export interface DecodedText {
  encoding: TextEncoding
  confidence: number
  chunks: AsyncGenerator<string>
}

async function* bytesOf(source: AsyncIterable<Uint8Array>) {
  for await (const bytes of source) yield bytes
}

/**
 * Decodes a byte stream strictly, chunk by chunk (never whole). Reads up to SAMPLE_BYTES first to
 * detect the encoding; a byte that does not decode fails with VALIDATION naming its offset.
 */
export async function decodeStream(
  source: AsyncIterable<Uint8Array>,
  options: DecodeOptions,
): Promise<DecodedText> {
  const input = bytesOf(source)
  const headParts: Uint8Array[] = []
  let headLength = 0
  let ended = false
  while (headLength < SAMPLE_BYTES) {
    const next = await input.next()
    if (next.done) {
      ended = true
      break
    }
    headParts.push(next.value)
    headLength += next.value.length
  }
  const head = concat(headParts, headLength)
  const detected =
    options.encoding === 'auto'
      ? detectEncoding(head, ended, options.source)
      : {
          encoding: options.encoding,
          bomLength: bomLengthOf(options.encoding, head),
          confidence: 1,
        }
  const { encoding } = detected
  async function* chunks(): AsyncGenerator<string> {
    const fatal = options.invalid !== 'replace'
    const decoder = new TextDecoder(DECODER_LABEL[encoding], { fatal, ignoreBOM: true })
    let offset = 0
    const decode = (bytes: Uint8Array, stream: boolean): string => {
      try {
        const text = decoder.decode(bytes, { stream })
        offset += bytes.length
        return text
      } catch {
        throw badByte(bytes, offset, encoding, options.source)
      }
    }
    try {
      offset = detected.bomLength
      const first = decode(head.subarray(detected.bomLength), true)
      if (first) yield first
      if (!ended) {
        for (let next = await input.next(); !next.done; next = await input.next()) {
          const text = decode(next.value, true)
          if (text) yield text
        }
      }
      const rest = decode(new Uint8Array(0), false)
      if (rest) yield rest
    } finally {
      await input.return(undefined)
    }
  }
  return { encoding, confidence: detected.confidence, chunks: chunks() }
}

/** The error for a chunk that failed to decode, with the offset of its first bad byte. */
function badByte(bytes: Uint8Array, base: number, encoding: TextEncoding, source: string) {
  let at: number
  if (DECODER_LABEL[encoding] === 'utf-8') {
    // A chunk may start inside a character begun in the previous one: skip its tail.
    let skip = 0
    while (skip < 3 && ((bytes[skip] ?? 0) & 0xc0) === 0x80) skip++
    at = skip + Math.max(0, firstInvalidUtf8(bytes.subarray(skip), false))
  } else {
    // The longest prefix a fresh decoder accepts ends right before the bad byte.
    let lo = 0
    let hi = bytes.length
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (decodesCleanly(bytes.subarray(0, mid), encoding, false)) lo = mid
      else hi = mid - 1
    }
    at = lo
  }
  const offset = base + at
  return new ApiError(
    'VALIDATION',
    `${source} is not valid ${ENCODING_NAMES[encoding]}: the first bad byte is at offset ${offset}. ` +
      'Choose another encoding, or fix the file.',
    { offset },
  )
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!
  const out = new Uint8Array(length)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
