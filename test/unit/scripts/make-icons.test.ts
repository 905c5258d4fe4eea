import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDir, ICO_SIZES, PNG_SIZES, renderIcons } from '../../../scripts/make-icons'

describe('app icons', () => {
  it('the committed PNGs and .ico are exactly what build/icon.svg renders to', async () => {
    const files = await renderIcons(readFileSync(join(buildDir, 'icon.svg'), 'utf8'))
    expect([...files.keys()].sort()).toEqual(
      [...PNG_SIZES.map((s) => join('icons', `${s}x${s}.png`)), 'icon.ico'].sort(),
    )
    for (const [name, bytes] of files) {
      expect(
        Buffer.from(bytes).equals(readFileSync(join(buildDir, name))),
        `${name} is stale: run npx tsx scripts/make-icons.ts`,
      ).toBe(true)
    }
  })

  it('PNGs have their stated size; the .ico lists every size with a PNG body', () => {
    for (const size of PNG_SIZES) {
      const png = readFileSync(join(buildDir, 'icons', `${size}x${size}.png`))
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size])
    }
    const ico = readFileSync(join(buildDir, 'icon.ico'))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([
      0,
      1,
      ICO_SIZES.length,
    ])
    ICO_SIZES.forEach((size, i) => {
      const entry = 6 + 16 * i
      expect(ico.readUInt8(entry) || 256).toBe(size)
      const offset = ico.readUInt32LE(entry + 12)
      const length = ico.readUInt32LE(entry + 8)
      const body = ico.subarray(offset, offset + length)
      expect(body.subarray(1, 4).toString()).toBe('PNG')
      expect(body.readUInt32BE(16)).toBe(size)
    })
  })
})
