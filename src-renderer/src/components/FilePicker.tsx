import { useRef } from 'react'
import { acceptOf, type FilePurpose } from '@api/desktop'
import { baseName } from '../api/download'
import { desktopApi } from '../api/ipc-transport'
import { Button } from './Button'

/**
 * A chosen file. In the desktop app it is a PATH from the native dialog: the core reads the file
 * itself, so nothing is loaded into the page and there is no size cap. In a browser it is the File
 * from an `<input type="file">`, which the page uploads.
 */
export type PickedFile =
  { kind: 'path'; path: string; name: string } | { kind: 'file'; file: File; name: string }

interface FilePickerProps {
  purpose: FilePurpose
  /** The button's text, also the file input's accessible name in a browser. */
  label: string
  onPick: (picked: PickedFile) => void
  disabled?: boolean
  className?: string
}

/** "Choose a file" that works in both places: a native open dialog, or a browser file input. */
export function FilePicker({ purpose, label, onPick, disabled, className }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null)
  const desktop = desktopApi()
  const choose = async () => {
    if (!desktop) {
      input.current?.click()
      return
    }
    const path = await desktop.pickPath(purpose)
    if (path) onPick({ kind: 'path', path, name: baseName(path) })
  }
  return (
    <>
      <button
        type="button"
        className={className ?? 'button'}
        disabled={disabled}
        onClick={() => void choose()}
      >
        {label}
      </button>
      {desktop ? null : (
        <input
          ref={input}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={label}
          accept={acceptOf(purpose)}
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file) onPick({ kind: 'file', file, name: file.name })
          }}
        />
      )}
    </>
  )
}

/**
 * A native dialog for a path field (predict sources and outputs, model files, CA files). Renders
 * nothing in a browser, where the path is typed: it names a file on the machine running the core.
 */
export function BrowseButton({
  purpose,
  onPath,
  defaultName,
  label = 'Browse…',
}: {
  purpose: FilePurpose
  onPath: (path: string) => void
  defaultName?: string
  label?: string
}) {
  const desktop = desktopApi()
  if (!desktop) return null
  const browse = async () => {
    const path = await desktop.pickPath(purpose, defaultName ? { defaultName } : undefined)
    if (path) onPath(path)
  }
  return (
    <Button small onClick={() => void browse()}>
      {label}
    </Button>
  )
}

/** Asks for a path to save to (desktop only); null in a browser or when cancelled. */
export function pickSavePath(purpose: FilePurpose, defaultName: string): Promise<string | null> {
  return desktopApi()?.pickPath(purpose, { defaultName }) ?? Promise.resolve(null)
}

/** Reveals a file the app wrote in the system's file manager (desktop only). */
export function ShowInFolder({ path }: { path: string }) {
  const desktop = desktopApi()
  if (!desktop) return null
  return (
    <Button small onClick={() => void desktop.showInFolder(path)}>
      Show in folder
    </Button>
  )
}
