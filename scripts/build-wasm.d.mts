export const LINEAR_SCORE_MODULE: string
export function compileLinearScore(): Promise<Uint8Array>
export function moduleText(binary: Uint8Array): string
