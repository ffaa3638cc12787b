import { JsonValue } from '@backstage/types';

/** What JSON keeps as it is (undefined: an absent property). */
export type JsonLeaf = string | number | boolean | null | undefined;

/**
 * T itself when every part of it survives a JSON round trip (plain data: no functions, no
 * class instances with methods such as Date or Map), `never` where a part does not. Unlike
 * `JsonValue` it accepts interfaces, which have no index signature: a parameter typed
 * `T & JsonCompatible<T>` takes typed API answers without casts and refuses the rest.
 */
export type JsonCompatible<T> = T extends JsonLeaf
  ? T
  : T extends (...args: never[]) => unknown
  ? never
  : T extends ReadonlyArray<infer U>
  ? ReadonlyArray<JsonCompatible<U>>
  : { [K in keyof T]: JsonCompatible<T[K]> };

/** A JSON-compatible value as the JsonValue the cache service stores (no copy). */
export function toJsonValue<T>(value: T & JsonCompatible<T>): JsonValue {
  // Sound by the constraint: T's parts are JSON leaves, arrays and plain objects.
  return value as JsonValue;
}
