import type { ErrorSpec } from '../../src/contract';
import { errorCode, type Model } from './model';

/** code → spec for every exception shape in the model, sorted by code. */
export function modeledErrors(model: Model): Record<string, ErrorSpec> {
  const entries: Array<[string, ErrorSpec]> = [];
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (!shape.exception) continue;
    const server = shape.fault === true || shape.error?.senderFault === false;
    const statusCode = shape.error?.httpStatusCode ?? (server ? 500 : 400);
    entries.push([errorCode(name, shape), { shape: name, statusCode, fault: server ? 'server' : 'client' }]);
  }
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function renderErrors(svc: string, model: Model, header: string): string {
  const errors = modeledErrors(model);
  const common = model.metadata.protocol === 'query' ? 'Query' : 'Json';
  const codes = Object.keys(errors);
  return [
    header,
    "import type { ErrorSpec } from '../../contract';",
    `import { common${common}Errors, type Common${common}ErrorCode } from '../../common-errors';`,
    '',
    `/** Error codes the ${svc} model declares, with the HTTP status and who is at fault. */`,
    'export const modeledErrors: Record<ModeledErrorCode, ErrorSpec> = {',
    ...codes.map((c) => `  ${c}: ${JSON.stringify(errors[c])},`),
    '};',
    '',
    `export type ModeledErrorCode =\n${codes.map((c) => `  | '${c}'`).join('\n')};`,
    '',
    `export type ErrorCode = ModeledErrorCode | Common${common}ErrorCode;`,
    '',
    `export const errors: Record<ErrorCode, ErrorSpec> = { ...common${common}Errors, ...modeledErrors };`,
    '',
  ].join('\n');
}
