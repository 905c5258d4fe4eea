import type { Locator, Page } from 'playwright-core'

export const SECTIONS = [
  'Datasets',
  'Annotate',
  'Rules',
  'Models',
  'Predict',
  'Connections',
  'Settings',
] as const
export type Section = (typeof SECTIONS)[number]

/** The frame around every screen: header, navigation, toasts. */
export class AppShell {
  constructor(readonly page: Page) {}

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Sections' })
  }

  navLink(section: Section): Locator {
    return this.navigation.getByRole('link', { name: section, exact: true })
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name, exact: true })
  }

  async goto(section: Section): Promise<void> {
    await this.navLink(section).click()
    await this.heading(section).waitFor()
  }

  get tasksToggle(): Locator {
    return this.page.getByRole('button', { name: /^Tasks/ })
  }

  get themeToggle(): Locator {
    return this.page.getByRole('button', { name: /^Switch to (light|dark) theme$/ })
  }

  get connection(): Locator {
    return this.page.getByRole('banner').getByRole('status')
  }

  /** The theme the page shows, from <html data-theme>. */
  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme')
  }

  get errorToasts(): Locator {
    return this.page.getByRole('alert')
  }

  /** Whatever the page's JavaScript sees; used to check where the token went. */
  async evaluate<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression)
  }
}
