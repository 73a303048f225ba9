/**
 * The marker every Outcrop error class carries. `Symbol.for` is one symbol across duplicate copies of a package,
 * so `isInstance` checks built on it work where `instanceof` does not.
 */
export const OUTCROP_ERROR = Symbol.for('outcrop.error');

/** True for an error that carries the Outcrop marker and the given class name (from any copy of its package). */
export function isOutcropError(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[OUTCROP_ERROR] === true &&
    (value as { name?: unknown }).name === name
  );
}
