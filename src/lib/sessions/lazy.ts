export type Lazy<T> = T | (() => Promise<T>);

/** A module loaded once when first needed (and again after a failed load); a value is used as is. */
export function lazy<T>(value: Lazy<T>): () => Promise<T> {
  if (typeof value !== 'function') return () => Promise.resolve(value);
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= (value as () => Promise<T>)().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
