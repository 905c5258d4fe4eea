import { describe, expect, it } from 'vitest'
import {
  outputModelLabel,
  versionChoices,
  versionLabel,
  versionNumbers,
} from '../../../../src-renderer/src/lib/model-labels'

const A1 = { id: 'a'.repeat(32), name: 'demo-svm', createdAt: 10 }
const A2 = { id: 'b'.repeat(32), name: 'demo-svm', createdAt: 20 }
const A3 = { id: 'c'.repeat(32), name: 'demo-svm', createdAt: 30 }
const B1 = { id: 'd'.repeat(32), name: 'nb', createdAt: 25 }
// models.list answers newest first.
const versions = [A3, B1, A2, A1]

describe('model labels', () => {
  it('numbers the versions of each name, oldest first', () => {
    const numbers = versionNumbers(versions)
    expect(versionLabel(A1, numbers)).toBe('demo-svm v1')
    expect(versionLabel(A3, numbers)).toBe('demo-svm v3')
    expect(versionLabel(B1, numbers)).toBe('nb v1')
    expect(versionLabel({ ...B1, id: 'x' }, numbers)).toBe('nb')
  })

  it('tells same-named versions apart in a picker, with the full id as the tooltip', () => {
    const choices = versionChoices(versions)
    const named = choices.filter((c) => c.label.startsWith('demo-svm'))
    expect(named.map((c) => c.label)).toEqual(['demo-svm v3', 'demo-svm v2', 'demo-svm v1'])
    expect(new Set(choices.map((c) => c.label)).size).toBe(versions.length)
    expect(choices.find((c) => c.value === A2.id)).toEqual({
      value: A2.id,
      label: 'demo-svm v2',
      title: `Version id ${A2.id}`,
    })
    // The same creation time (an import of two copies) still numbers them apart, by id.
    const twins = versionChoices([
      { ...A1, createdAt: 5 },
      { ...A2, createdAt: 5 },
    ])
    expect(twins.map((c) => c.label)).toEqual(['demo-svm v1', 'demo-svm v2'])
  })

  it('shortens an output row’s name@version for saved versions, files and keyword models', () => {
    const numbers = versionNumbers(versions)
    expect(outputModelLabel(`demo-svm@${A2.id}`, versions, numbers)).toBe('demo-svm v2')
    expect(outputModelLabel('topics@0123456789ab', versions, numbers)).toBe('topics #012345')
    expect(outputModelLabel('keywords@2', versions, numbers)).toBe('keywords v2')
    // A deleted version keeps its hash, shortened; a value without @ is shown as it is.
    expect(outputModelLabel(`old@${'e'.repeat(32)}`, versions, numbers)).toBe('old #eeeeee')
    expect(outputModelLabel('plain', versions, numbers)).toBe('plain')
    expect(outputModelLabel('@x', versions, numbers)).toBe('@x')
  })
})
