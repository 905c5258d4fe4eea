/** A few 16 px stroke icons, inline so the strict CSP needs no image or font origin. */
const PATHS = {
  datasets:
    'M2.5 4c0-1 2.5-1.8 5.5-1.8S13.5 3 13.5 4v8c0 1-2.5 1.8-5.5 1.8S2.5 13 2.5 12zM2.5 4c0 1 2.5 1.8 5.5 1.8S13.5 5 13.5 4M2.5 8c0 1 2.5 1.8 5.5 1.8S13.5 9 13.5 8',
  annotate: 'M3 13l1-3.5L10.5 3l2.5 2.5L6.5 12zM9 4.5L11.5 7',
  rules: 'M3 4h10M3 8h6M3 12h8',
  models: 'M8 2.5l5 2.75v5.5L8 13.5l-5-2.75v-5.5zM8 8l5-2.75M8 8v5.5M8 8L3 5.25',
  predict: 'M2.5 12.5l3.5-4 3 2.5 4.5-6M10 5h3.5v3.5',
  connections: 'M6 10l4-4M4.5 8.5l-1 1a2.1 2.1 0 003 3l1-1M11.5 7.5l1-1a2.1 2.1 0 00-3-3l-1 1',
  settings:
    'M8 5.5a2.5 2.5 0 110 5 2.5 2.5 0 010-5zM8 1.8v1.7M8 12.5v1.7M1.8 8h1.7M12.5 8h1.7M3.6 3.6l1.2 1.2M11.2 11.2l1.2 1.2M3.6 12.4l1.2-1.2M11.2 4.8l1.2-1.2',
  tasks: 'M2.5 4h2M2.5 8h2M2.5 12h2M6.5 4h7M6.5 8h7M6.5 12h7',
  sun: 'M8 5a3 3 0 110 6 3 3 0 010-6zM8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1',
  moon: 'M13 9.5A5.5 5.5 0 016.5 3a5.5 5.5 0 106.5 6.5z',
  close: 'M4 4l8 8M12 4l-8 8',
  refresh: 'M13 3.5v3h-3M3 12.5v-3h3M12.6 6.5A5 5 0 003.8 5M3.4 9.5a5 5 0 008.8 1.5',
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  )
}
