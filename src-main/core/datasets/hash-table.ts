/**
 * The content hashes of a dataset during an import, in typed arrays (16 bytes a slot, ~32 MB for a
 * million documents) instead of an index on disk: an index keyed by a random hash costs a page
 * write per row in short transactions. Slots hold the hash's first 64 bits and a document id; a
 * matching slot is confirmed by `same(id, hash)`, so a 64-bit collision never hides a document.
 */
export function createHashTable(same: (documentId: number, hash: string) => boolean) {
  let capacity = 1 << 16
  let size = 0
  let high = new Int32Array(capacity)
  let low = new Int32Array(capacity)
  let ids = new Float64Array(capacity)

  /** The hex digits at [start, start + 8) as an int32, read in place (a slice per row was garbage). */
  const word = (hash: string, start: number): number => {
    let value = 0
    for (let i = start; i < start + 8; i++) value = (value << 4) | hexDigit(hash.charCodeAt(i))
    return value
  }
  const slotOf = (h: number, l: number, mask: number) => (Math.imul(h ^ l, 0x9e3779b1) >>> 0) & mask

  function place(h: number, l: number, id: number): void {
    const mask = capacity - 1
    let slot = slotOf(h, l, mask)
    while (ids[slot] !== 0) slot = (slot + 1) & mask
    high[slot] = h
    low[slot] = l
    ids[slot] = id
  }

  function grow(): void {
    const [oldHigh, oldLow, oldIds] = [high, low, ids]
    capacity *= 2
    high = new Int32Array(capacity)
    low = new Int32Array(capacity)
    ids = new Float64Array(capacity)
    for (let i = 0; i < oldIds.length; i++) {
      const id = oldIds[i] ?? 0
      if (id !== 0) place(oldHigh[i] ?? 0, oldLow[i] ?? 0, id)
    }
  }

  return {
    /** Whether a document with this hash was added (confirmed against the document itself). */
    has(hash: string): boolean {
      const h = word(hash, 0)
      const l = word(hash, 8)
      const mask = capacity - 1
      for (let slot = slotOf(h, l, mask); ids[slot] !== 0; slot = (slot + 1) & mask) {
        if (high[slot] === h && low[slot] === l && same(ids[slot] ?? 0, hash)) return true
      }
      return false
    },

    add(hash: string, documentId: number): void {
      if (documentId <= 0) throw new Error(`document ids start at 1, not ${documentId}`)
      if (2 * (size + 1) > capacity) grow()
      place(word(hash, 0), word(hash, 8), documentId)
      size++
    },

    get size(): number {
      return size
    },
  }
}

/** A hex digit's value (0–9, a–f, A–F); anything else reads as 0, which only costs a confirmation. */
function hexDigit(code: number): number {
  if (code <= 57) return code >= 48 ? code - 48 : 0
  const lower = code | 32
  return lower >= 97 && lower <= 102 ? lower - 87 : 0
}
