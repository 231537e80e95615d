/**
 * @peculiar/x509 pulls in tsyringe, which refuses to load without a Reflect metadata API
 * (normally the `reflect-metadata` package). x509 never relies on emitted design types, so a
 * small WeakMap store with the three calls tsyringe makes is enough, without another package.
 */
type MetadataStore = WeakMap<object, Map<unknown, unknown>>;
const store: MetadataStore = new WeakMap();
const R = Reflect as unknown as Record<string, unknown>;

if (typeof R.getMetadata !== 'function') {
  const own = (key: unknown, target: object): unknown => store.get(target)?.get(key);
  R.defineMetadata = (key: unknown, value: unknown, target: object): void => {
    const map = store.get(target) ?? new Map();
    map.set(key, value);
    store.set(target, map);
  };
  R.getOwnMetadata = own;
  R.getMetadata = (key: unknown, target: object): unknown => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
      const value = own(key, t);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

export {};
