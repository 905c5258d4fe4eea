import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../../src-main/api/errors'
import {
  decodeStream,
  detectEncoding,
  firstInvalidUtf8,
} from '../../../../src-worker/ml/io/text-decoding'
import { BIG5_POSTS, cp950, cp950Decode, gb18030 } from '../../../helpers/legacy-encodings'

async function* pieces(bytes: Uint8Array, size = 7) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function decodeAll(
  bytes: Uint8Array,
  encoding: Parameters<typeof decodeStream>[1]['encoding'] = 'auto',
) {
  const decoded = await decodeStream(pieces(bytes), { encoding, source: 'posts.csv' })
  let text = ''
  for await (const chunk of decoded.chunks) text += chunk
  return { text, encoding: decoded.encoding }
}

describe('decodeStream / detectEncoding', () => {
  it('detects a Big5 file written by a cp950 encoder and decodes it exactly, punctuation included', async () => {
    const { text, encoding } = await decodeAll(cp950(BIG5_POSTS))
    expect(encoding).toBe('big5')
    expect(text).toBe(BIG5_POSTS)
  })

  it("decodes every cp950 character as Microsoft's table does (WHATWG big5 needs no mapping)", () => {
    // Every two-byte cp950 code outside the user-defined areas, decoded by the browser/Node big5
    // decoder and by a cp950 codec: they agree (the EUDC areas carry no standard characters).
    const big5 = new TextDecoder('big5', { fatal: true })
    let compared = 0
    const differing: string[] = []
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail > 0x7e && trail < 0xa1) continue
        const bytes = Buffer.from([lead, trail])
        const microsoft = cp950Decode(bytes)
        if (microsoft.includes('\uFFFD') || /[\uE000-\uF8FF]/.test(microsoft)) continue
        compared++
        if (big5.decode(bytes) !== microsoft) differing.push(bytes.toString('hex'))
      }
    }
    expect(compared).toBeGreaterThan(13_000)
    expect(differing).toEqual([])
  })

  it('detects GB18030 (Simplified Chinese Excel) and UTF-8 with or without a BOM', async () => {
    const simplified = '内容,标签\n今天的奶茶太甜了，不好喝。,food\n带小孩去公园玩,parent\n'
    expect(await decodeAll(gb18030(simplified))).toEqual({ text: simplified, encoding: 'gb18030' })
    expect(await decodeAll(Buffer.from(simplified))).toEqual({
      text: simplified,
      encoding: 'utf-8',
    })
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(simplified)])
    expect(await decodeAll(bom)).toEqual({ text: simplified, encoding: 'utf-8-bom' })
  })

  it('detects UTF-16 without a byte-order mark', async () => {
    const text = 'text,label\nhello 世界,a\n'
    expect(await decodeAll(Buffer.from(text, 'utf16le'))).toEqual({ text, encoding: 'utf-16le' })
  })

  it('names the offset of the first bad byte when UTF-8 is forced on a Big5 file', async () => {
    const bytes = cp950(BIG5_POSTS)
    const offset = firstInvalidUtf8(bytes)
    expect(offset).toBe('post_id,'.length)
    const failure = decodeAll(bytes, 'utf-8')
    await expect(failure).rejects.toThrow(ApiError)
    await expect(failure).rejects.toThrow(`first bad byte is at offset ${offset}`)
  })

  it('fails a bad byte far past the detection sample with its offset', async () => {
    const good = Buffer.from('text\n' + 'plain line\n'.repeat(10_000))
    const bytes = Buffer.concat([good, Buffer.from([0xff]), Buffer.from('\n')])
    await expect(decodeAll(bytes)).rejects.toThrow(`offset ${good.length}`)
  })

  it('refuses bytes that read as no known encoding, naming the first bad byte', () => {
    const binary = Buffer.from([0x61, 0x62, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x00, 0xff, 0x90])
    expect(() => detectEncoding(binary, true, 'blob.csv')).toThrow(
      /blob\.csv is not UTF-8 \(the first bad byte is at offset 2\)/,
    )
  })
})
