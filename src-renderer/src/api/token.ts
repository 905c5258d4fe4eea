/** Where the bridge token is kept for the life of the tab (survives reloads, not new tabs). */
export const TOKEN_STORAGE_KEY = 'audience.bridgeToken'

export interface ExtractedToken {
  token: string | null
  /** The fragment with the token removed: '' when nothing else was in it, else '#rest'. */
  hash: string
}

/**
 * Takes the bridge token out of a URL fragment like `#token=abc` (it may share the fragment with
 * other `key=value` pairs). Route fragments (`#/settings`) never carry a token and are kept as is.
 */
export function extractToken(hash: string): ExtractedToken {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash
  if (fragment === '' || fragment.startsWith('/')) return { token: null, hash }
  const params = new URLSearchParams(fragment)
  const token = params.get('token')
  if (token === null || token === '') return { token: null, hash }
  params.delete('token')
  const rest = params.toString()
  return { token, hash: rest ? `#${rest}` : '' }
}
