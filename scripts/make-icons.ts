// Renders build/icon.svg into the icon set electron-builder packages: PNGs for Linux
// (build/icons/<n>x<n>.png) and a Windows .ico holding PNG images. resvg's WebAssembly build draws
// the same pixels on every machine, so the committed files are checked against this script by a test.
// Run: npx tsx scripts/make-icons.ts
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
export const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build')

export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const

let ready: Promise<void> | undefined
const init = () =>
  (ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))))

function render(svg: string, size: number): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  })
  const image = resvg.render()
  const png = image.asPng()
  image.free()
  resvg.free()
  return png
}

/** An .ico whose entries are PNG images (Windows Vista and later read these). */
export function packIco(images: readonly { size: number; png: Uint8Array }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i
    header.writeUInt8(size >= 256 ? 0 : size, entry)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1)
    header.writeUInt8(0, entry + 2)
    header.writeUInt8(0, entry + 3)
    header.writeUInt16LE(1, entry + 4)
    header.writeUInt16LE(32, entry + 6)
    header.writeUInt32LE(png.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += png.length
  })
  return Buffer.concat([header, ...images.map((i) => i.png)])
}

/** Every icon file, by its path under build/. */
export async function renderIcons(svg: string): Promise<Map<string, Uint8Array>> {
  await init()
  const pngs = new Map(PNG_SIZES.map((size) => [size, render(svg, size)] as const))
  const files = new Map<string, Uint8Array>()
  for (const [size, png] of pngs) files.set(join('icons', `${size}x${size}.png`), png)
  files.set(
    'icon.ico',
    packIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) ?? render(svg, size) }))),
  )
  return files
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = await renderIcons(readFileSync(join(buildDir, 'icon.svg'), 'utf8'))
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(buildDir, name)), { recursive: true })
    writeFileSync(join(buildDir, name), bytes)
    console.log(`build/${name}  ${bytes.length} bytes`)
  }
}
