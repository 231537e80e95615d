import { XmlWriter } from './xml-writer';
import { findOperation, queryModel, type QueryService } from './service-models';
import { element, escapeXml } from './xml';

/**
 * The XML body AWS returns for a successful IAM/STS call:
 * `<CreateUserResponse xmlns="…"><CreateUserResult>…</CreateUserResult><ResponseMetadata>…`.
 * Operations without output get only the ResponseMetadata.
 */
export function serializeQueryResponse(
  service: QueryService,
  action: string,
  output: object,
  requestId: string,
): string {
  const model = queryModel(service);
  const operation = findOperation(model, action);
  if (!operation) throw new Error(`${service} has no operation ${action}`);
  let result = '';
  if (operation.output) {
    const members = new XmlWriter(model.shapes).members(operation.output.shape, output as Record<string, unknown>);
    result = element(operation.output.resultWrapper ?? `${action}Result`, members);
  }
  const metadata = element('ResponseMetadata', element('RequestId', escapeXml(requestId)));
  return `<${action}Response xmlns="${model.metadata.xmlNamespace}">${result}${metadata}</${action}Response>`;
}
