import type { DatasetFormat, ImportPreview, TextEncoding } from '@api/models'
import {
  DATASET_FORMATS,
  ENCODING_NAMES,
  LABEL_SEPARATORS,
  TEXT_ENCODINGS,
} from '@api/contract/datasets'
import { FORMAT_NAMES } from './export-path'
import { isTable, type ReadChoice } from './import-choices'

const SEPARATOR_NAMES: Record<string, string> = {
  '|': '| (bar)',
  '#': '# (hash)',
  ';': '; (semicolon)',
  ',': ', (comma)',
  '、': '、 (enumeration comma)',
  json: 'JSON array',
}

/** Format, encoding, header row, sheet and label separator: what the core detected, changeable. */
export function ImportReadOptions({
  preview,
  choice,
  onChange,
}: {
  preview: ImportPreview | null
  choice: ReadChoice
  onChange: (next: Partial<ReadChoice>) => void
}) {
  const table = isTable(preview?.format)
  const detected = preview
    ? `${ENCODING_NAMES[preview.encoding]}${preview.encodingDetected ? ' (detected)' : ''}`
    : '…'
  const separator = preview?.labelSeparator ?? null
  return (
    <>
      <dl className="facts">
        <dt>Detected format</dt>
        <dd>{preview ? FORMAT_NAMES[preview.format] : '…'}</dd>
        <dt>Encoding</dt>
        <dd>{detected}</dd>
        {table ? (
          <>
            <dt>Label separator</dt>
            <dd>{separator ? SEPARATOR_NAMES[separator] : 'none found'}</dd>
          </>
        ) : null}
      </dl>
      <div className="inline-form">
        <label className="inline-field">
          <span>Format</span>
          <select
            className="input"
            value={choice.format}
            onChange={(e) => onChange({ format: e.target.value as DatasetFormat | 'auto' })}
          >
            <option value="auto">Detect automatically</option>
            {DATASET_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        {preview?.format !== 'xlsx' ? (
          <label className="inline-field">
            <span>Text encoding</span>
            <select
              className="input"
              value={choice.encoding}
              onChange={(e) => onChange({ encoding: e.target.value as TextEncoding | 'auto' })}
            >
              <option value="auto">Detect automatically</option>
              {TEXT_ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {ENCODING_NAMES[e]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {preview && preview.sheets.length > 1 ? (
          <label className="inline-field">
            <span>Sheet</span>
            <select
              className="input"
              value={choice.sheet ?? preview.sheet ?? ''}
              onChange={(e) => onChange({ sheet: e.target.value, columns: {} })}
            >
              {preview.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {table ? (
          <>
            <label className="inline-field">
              <span>Labels separated by</span>
              <select
                className="input"
                value={choice.labelSeparator}
                onChange={(e) =>
                  onChange({ labelSeparator: e.target.value as ReadChoice['labelSeparator'] })
                }
              >
                <option value="auto">Detect from the data</option>
                {LABEL_SEPARATORS.map((s) => (
                  <option key={s} value={s}>
                    {SEPARATOR_NAMES[s]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field checkbox-field">
              <input
                type="checkbox"
                checked={choice.header}
                onChange={(e) => onChange({ header: e.target.checked, columns: {} })}
              />
              <span>First row is a header</span>
            </label>
          </>
        ) : null}
      </div>
    </>
  )
}
