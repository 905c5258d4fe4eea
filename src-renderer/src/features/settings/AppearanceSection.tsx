import { useId } from 'react'
import { useStores, useUi } from '../../stores/hooks'
import type { Theme } from '../../stores/ui/state'
import { selectTheme } from '../../stores/ui/selectors'

const THEMES: { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

export function AppearanceSection() {
  const headingId = useId()
  const theme = useUi(selectTheme)
  const { ui } = useStores()
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Appearance</h2>
      <fieldset className="segmented">
        <legend>Theme</legend>
        {THEMES.map((option) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={theme === option.value}
              onChange={() => ui.getState().setTheme(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <p className="hint">
        Your choice is kept on this computer. The header button switches it too.
      </p>
    </section>
  )
}
