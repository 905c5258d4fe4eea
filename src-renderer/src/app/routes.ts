/** `#/settings` → 'settings'; anything unknown → the fallback. Pure, so it is unit-tested. */
export function screenFromHash(hash: string, known: readonly string[], fallback: string): string {
  const match = /^#\/([a-z0-9-]+)/.exec(hash)
  const id = match?.[1]
  return id !== undefined && known.includes(id) ? id : fallback
}

export const hashForScreen = (id: string) => `#/${id}`
