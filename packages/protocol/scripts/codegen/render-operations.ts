import type { OperationSpec, ServiceMetadata } from '../../src/contract';
import { errorCode, type Model } from './model';

export function serviceMetadata(model: Model): ServiceMetadata {
  const m = model.metadata;
  return {
    protocol: m.protocol === 'query' ? 'query' : 'json',
    apiVersion: m.apiVersion,
    endpointPrefix: m.endpointPrefix,
    signingName: m.signingName ?? m.endpointPrefix,
    ...(m.targetPrefix && { targetPrefix: m.targetPrefix }),
    ...(m.jsonVersion && { jsonVersion: m.jsonVersion }),
    ...(m.xmlNamespace && { xmlNamespace: m.xmlNamespace }),
  };
}

function operationSpec(model: Model, name: string): OperationSpec {
  const op = model.operations[name];
  const unsigned = op.authtype === 'none' || (op.auth?.includes('smithy.api#noAuth') ?? false);
  return {
    ...(op.input && { input: op.input.shape }),
    ...(op.output && { output: op.output.shape }),
    ...(op.output?.resultWrapper && { resultWrapper: op.output.resultWrapper }),
    errors: (op.errors ?? []).map((e) => errorCode(e.shape, model.shapes[e.shape])),
    ...(unsigned && { unsigned: true }),
  };
}

export function renderOperations(svc: string, model: Model, header: string): string {
  const names = Object.keys(model.operations).sort();
  const lines = names.map((n) => `  ${n}: ${JSON.stringify(operationSpec(model, n))},`);
  return [
    header,
    "import type { OperationSpec, ServiceMetadata } from '../../contract';",
    '',
    `export const metadata: ServiceMetadata = ${JSON.stringify(serviceMetadata(model))};`,
    '',
    `/** Every ${svc} operation: input/output shape names and the error codes it may answer. */`,
    'export const operations: Record<OperationName, OperationSpec> = {',
    ...lines,
    '};',
    '',
    `export type OperationName =\n${names.map((n) => `  | '${n}'`).join('\n')};`,
    '',
    `export const operationNames: readonly OperationName[] = Object.keys(operations) as OperationName[];`,
    '',
  ].join('\n');
}
