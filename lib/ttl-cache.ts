/**
 * A small in-process cache for values read on every request (API keys, settings).
 *
 * Each app instance holds its own copy. A change made through this instance clears the cache at
 * once (the writer calls `clear()`); a change made through another instance, or straight in the
 * database, is seen here after at most `ttlMs`. Loads are shared: concurrent misses for one key run
 * one query. A load that started before a `clear()` is not stored, so it cannot bring back a value
 * the change just replaced.
 */
export class TtlCache<K, V> {
  private entries = new Map<K, { value: V; expires: number }>();
  private loading = new Map<K, Promise<V>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  async get(key: K, load: () => Promise<V>, shouldStore: (value: V) => boolean = () => true): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load()
      .then((value) => {
        if (generation === this.generation && this.ttlMs > 0 && shouldStore(value)) {
          // Oldest first out when full: the map keeps insertion order.
          if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
          this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
        }
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  clear() {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }
}

/**
 * The one cache of that name in this process. Next bundles each route (the API's route handler, the
 * admin's server actions) with its own copy of our modules, so a module-level cache would not see the
 * admin's `clear()`: the instance lives on globalThis instead, as the database pool does.
 */
export function processCache<K, V>(name: string, ttlMs: number, maxEntries?: number): TtlCache<K, V> {
  const registry = ((globalThis as { helpdeckCaches?: Map<string, unknown> }).helpdeckCaches ??= new Map());
  let cache = registry.get(name) as TtlCache<K, V> | undefined;
  if (!cache) {
    cache = new TtlCache<K, V>(ttlMs, maxEntries);
    registry.set(name, cache);
  }
  return cache;
}
