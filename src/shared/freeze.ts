/** Freezes a value and everything reachable from it, so it can be shared read-only (Eleventy's data cascade shares frozen objects instead of copying them). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // A getter's value is made when read (a page's source, say): freezing reads only plain values.
  for (const property of Object.values(Object.getOwnPropertyDescriptors(value))) if ("value" in property) deepFreeze(property.value);
  return value;
}
