import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for one server; `/metrics` renders `registry`. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly apiCalls = new Counter({
    name: 'bosun_api_requests_total',
    help: 'API calls by service, operation and outcome (AWS error code or "ok").',
    labelNames: ['service', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly apiLatency = new Histogram({
    name: 'bosun_api_request_duration_seconds',
    help: 'Time from the request arriving to the answer being written, by service and operation.',
    labelNames: ['service', 'operation'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /**
   * The labelled series of each (service, operation, outcome), looked up once: prom-client
   * hashes a labels object on every inc/observe otherwise. Bounded by the operations and error
   * codes that exist; nothing resets these metrics.
   */
  private readonly series = new Map<string, { calls: { inc(): void }; latency: { observe(value: number): void } }>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bosun_' });
  }

  /** Counts one API call and records how long it took. */
  observeCall(service: string, operation: string, outcome: string, seconds: number): void {
    const key = `${service}\u0000${operation}\u0000${outcome}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = { calls: this.apiCalls.labels(service, operation, outcome), latency: this.apiLatency.labels(service, operation) };
      this.series.set(key, series);
    }
    series.calls.inc();
    series.latency.observe(seconds);
  }
}
