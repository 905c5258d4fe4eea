import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../../src-main/api/desktop'
import { aboutDetail, menuTemplate } from '../../../src-main/electron/menu'

type MenuItemConstructorOptions = ReturnType<typeof menuTemplate>[number]

function build(packaged: boolean) {
  const calls: string[] = []
  const template = menuTemplate({
    packaged,
    platform: 'linux',
    actions: {
      command: (c: MenuCommand) => calls.push(c),
      openDataFolder: () => calls.push('data-folder'),
      openLogFolder: () => calls.push('logs'),
      about: () => calls.push('about'),
    },
  })
  return { template, calls }
}

const items = (menu: MenuItemConstructorOptions) =>
  (menu.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator')
const names = (menu: MenuItemConstructorOptions) => items(menu).map((i) => i.label ?? i.role)

const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.()

describe('application menu', () => {
  it('has File, Edit, View and Help with the desktop commands', () => {
    const { template, calls } = build(true)
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help'])
    const [file, edit, view, help] = template as [
      MenuItemConstructorOptions,
      MenuItemConstructorOptions,
      MenuItemConstructorOptions,
      MenuItemConstructorOptions,
    ]
    expect(names(file)).toEqual([
      'New dataset…',
      'Import…',
      'Export…',
      'Open data folder',
      'Open logs',
      'Quit',
    ])
    expect(names(edit)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll'])
    expect(names(help)).toEqual(['Keyboard shortcuts', 'Open logs', 'About Audience Desktop'])
    for (const item of [...items(file), ...items(view), ...items(help)]) click(item)
    expect(calls).toEqual([
      'datasets.new',
      'datasets.import',
      'datasets.export',
      'data-folder',
      'logs',
      'view.toggleTheme',
      'help.shortcuts',
      'logs',
      'about',
    ])
  })

  it('offers reload and DevTools only in development builds', () => {
    const roles = (packaged: boolean) =>
      items(build(packaged).template[2] as MenuItemConstructorOptions).map((i) => i.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(true)).not.toContain('reload')
    expect(roles(false)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
    expect(roles(true)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']))
  })

  it('About names the versions, the data folder and the log folder', () => {
    const text = aboutDetail({
      appVersion: '1.2.3',
      versions: { node: '22.1.0', chrome: '140.0', electron: '45.5.0' },
      dataDir: '/home/me/.config/Audience Desktop',
      logDir: '/home/me/.config/Audience Desktop/logs',
    })
    expect(text).toContain('Version 1.2.3')
    expect(text).toContain('Electron 45.5.0 · Chromium 140.0 · Node 22.1.0')
    expect(text).toContain('Data folder: /home/me/.config/Audience Desktop')
    expect(text).toContain('Log folder: /home/me/.config/Audience Desktop/logs')
  })
})
