import { Icon } from '../components/Icon'
import { SCREENS } from '../features/screens'
import { useUi } from '../stores/hooks'
import { selectScreen } from '../stores/ui/selectors'
import { hashForScreen } from './routes'

export function SideNav() {
  const current = useUi(selectScreen)
  return (
    <nav className="side-nav" aria-label="Sections">
      <ul>
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <a
              href={hashForScreen(screen.id)}
              className="nav-link"
              aria-current={screen.id === current ? 'page' : undefined}
            >
              <Icon name={screen.icon} />
              <span>{screen.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
