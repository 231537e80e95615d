export { parseQueryRequest } from './parse-query-request';
export type { QueryRequest } from './parse-query-request';
export { serializeQueryResponse } from './serialize-query-response';
export { serializeQueryError } from './serialize-query-error';
export { queryModel } from './service-models';
export type { QueryService } from './service-models';

/** AWS: Query services answer with `Content-Type: text/xml`. */
export const QUERY_CONTENT_TYPE = 'text/xml';
