import { queryModel, type QueryService } from './service-models';
import { element, escapeXml } from './xml';

/**
 * AWS's Query error body:
 * `<ErrorResponse xmlns="…"><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`.
 * The namespace is the service's (IAM's unless told otherwise).
 */
export function serializeQueryError(
  code: string,
  message: string,
  type: 'Sender' | 'Receiver',
  requestId: string,
  service: QueryService = 'iam',
): string {
  const error = element(
    'Error',
    element('Type', type) + element('Code', escapeXml(code)) + element('Message', escapeXml(message)),
  );
  const namespace = queryModel(service).metadata.xmlNamespace;
  return `<ErrorResponse xmlns="${namespace}">${error}${element('RequestId', escapeXml(requestId))}</ErrorResponse>`;
}
