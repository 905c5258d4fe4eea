import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createApiClient, type Transport } from './api/client'
import type { ConnectionSource } from './api/connection'
import { createHttpTransport } from './api/http-transport'
import { ipcTransport } from './api/ipc-transport'
import { startSubscriptions } from './api/subscriptions'
import { extractToken, TOKEN_STORAGE_KEY } from './api/token'
import { App } from './app/App'
import { screenFromHash } from './app/routes'
import { DEFAULT_SCREEN, SCREENS } from './features/screens'
import { createStores } from './stores'
import { StoresContext } from './stores/context'
import './styles/index.css'

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}

/**
 * The bridge hands its token over once, in the URL fragment. Keep it for this tab and take it out of
 * the address bar (and so out of history, bookmarks and screenshots).
 */
function bridgeToken(): string | null {
  const storage = safeSessionStorage()
  const { token, hash } = extractToken(window.location.hash)
  if (token) {
    storage?.setItem(TOKEN_STORAGE_KEY, token)
    const { pathname, search } = window.location
    window.history.replaceState(null, '', `${pathname}${search}${hash}`)
    return token
  }
  return storage?.getItem(TOKEN_STORAGE_KEY) ?? null
}

/** Electron's preload exposes `window.desktop`; anywhere else we are a page served by the bridge. */
function pickTransport(): { transport: Transport; connection: ConnectionSource | null } {
  const ipc = ipcTransport()
  if (ipc) return { transport: ipc, connection: null }
  const http = createHttpTransport({ baseUrl: '', token: bridgeToken() })
  return { transport: http, connection: http }
}

function boot(): void {
  const { transport, connection } = pickTransport()
  const api = createApiClient(transport)
  let storage: Storage | null = null
  try {
    storage = window.localStorage
  } catch {
    storage = null
  }
  const stores = createStores({
    api,
    storage,
    prefersDark: window.matchMedia('(prefers-color-scheme: dark)').matches,
    initialScreen: screenFromHash(
      window.location.hash,
      SCREENS.map((s) => s.id),
      DEFAULT_SCREEN,
    ),
  })
  // Before the first paint, so a dark-theme user never sees a white flash.
  document.documentElement.dataset.theme = stores.ui.getState().theme
  startSubscriptions(stores, connection)
  // The header's running-count badge needs the tasks before the drawer is ever opened.
  void stores.tasks.getState().refresh()

  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element.')
  createRoot(root).render(
    <StrictMode>
      <StoresContext.Provider value={stores}>
        <App />
      </StoresContext.Provider>
    </StrictMode>,
  )
}

boot()
