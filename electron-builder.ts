// Installers (`npm run dist`, for the OS it runs on): Windows NSIS per-user + portable, Linux AppImage
// + .deb. electron-builder reads this file; test/integration/electron-builder-config.test.ts checks it
// against electron-builder's own schema and the packaged layout the app expects.
import type { Configuration } from 'electron-builder'

/**
 * Unpacked beside app.asar (into app.asar.unpacked): worker threads and native modules cannot be read
 * from inside the archive. The workers are the entries in out/main plus the chunks they import (the
 * whole folder, so a new chunk can never be left inside) and the packages those import, with theirs:
 * all of the production node_modules (the installer holds no others), so a dependency added to a
 * worker can never be left inside either; better-sqlite3's C sources are excluded below.
 */
export const ASAR_UNPACK = ['out/main/**', 'node_modules/**', '**/*.node'] as const

/** Where the CLI launcher scripts go inside an installed app: `<install>/resources/bin`. */
export const LAUNCHER_DIR = 'bin'
export const LINUX_EXECUTABLE = 'audience-desktop'
export const WINDOWS_EXECUTABLE = 'Audience Desktop'

/** better-sqlite3 13's sources and the prebuilt binaries of other platforms stay out of installers. */
const sqliteExtras = (keep: string) => [
  '!node_modules/better-sqlite3-electron/{deps,src}/**',
  '!node_modules/better-sqlite3-electron/binding.gyp',
  `!node_modules/better-sqlite3-electron/prebuilds/!(${keep}).node`,
]

const env = process.env
const homepage =
  env.AUDIENCE_HOMEPAGE ??
  (env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}`
    : 'https://audience-desktop.invalid')

const config: Configuration = {
  appId: 'org.audience.desktop',
  productName: 'Audience Desktop',
  copyright: 'Copyright © Audience Desktop contributors',
  extraMetadata: { homepage },
  directories: { output: 'dist', buildResources: 'build' },
  files: ['out/**/*', 'package.json', '!**/*.map'],
  extraResources: [
    { from: 'resources', to: 'resources', filter: ['**/*', '!screenshot.png'] },
    { from: 'build/launcher', to: LAUNCHER_DIR },
  ],
  asar: true,
  asarUnpack: [...ASAR_UNPACK],
  // better-sqlite3-electron ships N-API binaries in its npm package: nothing is rebuilt or compiled,
  // neither here nor on a user's machine.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronFuses: {
    // On: the `audience` CLI launcher runs the app binary as Node (ELECTRON_RUN_AS_NODE); see README.
    runAsNode: true,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    // The renderer is served from app://, so file:// needs no extra privileges.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    executableName: WINDOWS_EXECUTABLE,
    icon: 'build/icon.ico',
    files: sqliteExtras('win32-x64'),
    // Unsigned today. Signing settings go here (signtoolOptions / azureSignOptions) with the
    // certificate from CI secrets (CSC_LINK, CSC_KEY_PASSWORD); see README "Signing".
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    deleteAppDataOnUninstall: false,
    artifactName: 'Audience-Desktop-Setup-${version}.${ext}',
  },
  portable: { artifactName: 'Audience-Desktop-${version}-portable.${ext}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    executableName: LINUX_EXECUTABLE,
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Local text-labelling workflows: document, model, predict, preprocess',
    maintainer:
      env.AUDIENCE_MAINTAINER ?? 'Audience Desktop <maintainers@audience-desktop.invalid>',
    files: sqliteExtras('linux-x64'),
  },
  appImage: { artifactName: 'Audience-Desktop-${version}-x86_64.${ext}' },
  deb: { artifactName: 'audience-desktop_${version}_amd64.${ext}' },
  publish: null,
}

export default config
