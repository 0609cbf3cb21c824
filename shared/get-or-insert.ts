// The value a map holds for a key, made and stored on first use (TC39's proposed
// Map.prototype.getOrInsertComputed, for Map and WeakMap alike).
interface KeyedStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

export function getOrInsert<K, V>(map: KeyedStore<K, V>, key: K, make: (key: K) => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make(key);
  map.set(key, made);
  return made;
}
