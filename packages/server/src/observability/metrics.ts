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

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'bosun_' });
  }
}
