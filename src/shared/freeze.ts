/** Freezes a value and everything reachable from it, so it can be shared read-only (Eleventy's data cascade shares frozen objects instead of copying them). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
