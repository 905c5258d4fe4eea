/**
 * Texts as UTF-16 code units in one array + offsets. Matchers scan these typed arrays instead of
 * calling charCodeAt on strings, and a batch crosses threads as two transferable buffers.
 */
export interface TextUnits {
  units: Uint16Array
  /** size + 1 offsets in code units: text r is units[offsets[r] .. offsets[r + 1]). */
  offsets: Int32Array
}

/** Copies strings into one code-unit array; Buffer's UTF-16 write is a memory copy per string. */
export function toTextUnits(texts: readonly string[]): TextUnits {
  const offsets = new Int32Array(texts.length + 1)
  for (let r = 0; r < texts.length; r++) offsets[r + 1] = offsets[r]! + texts[r]!.length
  const units = new Uint16Array(offsets[texts.length]!)
  const bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength)
  for (let r = 0; r < texts.length; r++) bytes.write(texts[r]!, offsets[r]! * 2, 'utf16le')
  return { units, offsets }
}

/** The strings back; each is one memory copy out of the shared array. */
export function fromTextUnits({ units, offsets }: TextUnits): string[] {
  const bytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength)
  const texts = new Array<string>(offsets.length - 1)
  for (let r = 0; r + 1 < offsets.length; r++)
    texts[r] = bytes.toString('utf16le', offsets[r]! * 2, offsets[r + 1]! * 2)
  return texts
}
