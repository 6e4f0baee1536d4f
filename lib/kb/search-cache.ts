/**
 * A short-lived, in-process cache of search pages. A word found in most articles makes MariaDB rank every
 * one of them (hundreds of ms at 100,000 articles, see bench/kb.md), and such words are exactly the ones
 * many people search for and type-ahead repeats. Writes in this process (lib/kb/manage) clear it at once;
 * another process's writes show within TTL_MS. Article pages always re-check visibility, so a stale hit
 * can at worst list a title that then opens as a 404.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 500;

type Store = { version: number; entries: Map<string, { at: number; version: number; value: unknown }> };
// On globalThis: route bundles of one server process must share one cache and one version.
const store: Store = ((globalThis as unknown as { helpdeckKbSearchCache?: Store }).helpdeckKbSearchCache ??= {
  version: 0,
  entries: new Map(),
});

export function invalidateKbSearchCache() {
  store.version++;
  store.entries.clear();
}

export async function cachedSearch<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = store.entries.get(key);
  if (hit && hit.version === store.version && now - hit.at < TTL_MS) return hit.value as T;
  const version = store.version;
  const value = await compute();
  // A write that happened while computing makes this result stale: do not keep it.
  if (version === store.version) {
    if (store.entries.size >= MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
    store.entries.set(key, { at: now, version, value });
  }
  return value;
}
