import type { OperationDef, ServiceName } from './types';

/** Every implemented operation, keyed by service and AWS operation name. */
export class OperationRegistry {
  private readonly byKey = new Map<string, OperationDef>();

  constructor(defs: Iterable<OperationDef> = []) {
    for (const def of defs) this.add(def);
  }

  add(def: OperationDef): void {
    const key = `${def.service}:${def.name}`;
    if (this.byKey.has(key)) throw new Error(`operation ${key} is registered twice`);
    this.byKey.set(key, def);
  }

  get(service: ServiceName, name: string): OperationDef | undefined {
    return this.byKey.get(`${service}:${name}`);
  }

  implemented(service: ServiceName): string[] {
    return [...this.byKey.values()].filter((d) => d.service === service).map((d) => d.name).sort();
  }
}
