import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'Audience Desktop'

/**
 * Where Electron's `app.getPath('userData')` points for this app on each platform; the CLI and the bridge
 * use it so that all three front doors open the same workspace by default.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.AUDIENCE_DATA_DIR) return env.AUDIENCE_DATA_DIR
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}
