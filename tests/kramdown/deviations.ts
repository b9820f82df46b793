/**
 * The kramdown cases where the project's pipeline knowingly differs from
 * Jekyll's converter, each with its reason; the suite
 * (tests/build/kramdownSuite.test.ts) fails on any other difference, and on an
 * entry here that no longer differs.
 */
export type Aspect = "text" | "structure";

export const DEVIATIONS: Readonly<Record<string, { readonly differs: readonly Aspect[]; readonly reason: string }>> = {};
