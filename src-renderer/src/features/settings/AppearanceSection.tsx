import { useId } from 'react'
import { useStores, useUi } from '../../stores/hooks'
import type { Theme } from '../../stores/ui/state'
import { selectTheme } from '../../stores/ui/selectors'
import { RadioGroup } from '../../components/RadioGroup'

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
      <RadioGroup
        legend="Theme"
        name="theme"
        value={theme}
        choices={THEMES}
        onChange={(value) => ui.getState().setTheme(value)}
      />
      <p className="hint">
        Your choice is kept on this computer. The header button switches it too.
      </p>
    </section>
  )
}
