import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../api/desktop'

export interface MenuActions {
  /** Hands a command to the page (it owns the dialogs and screens). */
  command(command: MenuCommand): void
  openDataFolder(): void
  openLogFolder(): void
  about(): void
}

/**
 * The application menu. Built from plain data (no Electron at runtime) so its shape is tested here;
 * DevTools and reload exist only in development builds.
 */
export function menuTemplate(options: {
  packaged: boolean
  platform: NodeJS.Platform
  actions: MenuActions
}): MenuItemConstructorOptions[] {
  const { actions } = options
  const command = (c: MenuCommand) => () => actions.command(c)
  const development: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [
        { type: 'separator' },
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
      ]
  return [
    {
      label: '&File',
      submenu: [
        { label: 'New dataset…', accelerator: 'CmdOrCtrl+N', click: command('datasets.new') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: command('datasets.import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: command('datasets.export') },
        { type: 'separator' },
        { label: 'Open data folder', click: () => actions.openDataFolder() },
        { label: 'Open logs', click: () => actions.openLogFolder() },
        { type: 'separator' },
        options.platform === 'darwin' ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        {
          label: 'Toggle dark theme',
          accelerator: 'CmdOrCtrl+Shift+L',
          click: command('view.toggleTheme'),
        },
        { role: 'togglefullscreen' },
        ...development,
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'Keyboard shortcuts', accelerator: 'F1', click: command('help.shortcuts') },
        { label: 'Open logs', click: () => actions.openLogFolder() },
        { type: 'separator' },
        { label: 'About Audience Desktop', click: () => actions.about() },
      ],
    },
  ]
}

export interface AboutFacts {
  appVersion: string
  versions: Pick<NodeJS.ProcessVersions, 'node' | 'chrome' | 'electron'>
  dataDir: string
  logDir: string
}

/** The About box's text: versions first (what support asks for), then where things are. */
export function aboutDetail(facts: AboutFacts): string {
  return [
    `Version ${facts.appVersion}`,
    `Electron ${facts.versions.electron ?? '?'} · Chromium ${facts.versions.chrome ?? '?'} · Node ${facts.versions.node}`,
    '',
    `Data folder: ${facts.dataDir}`,
    `Log folder: ${facts.logDir}`,
  ].join('\n')
}
