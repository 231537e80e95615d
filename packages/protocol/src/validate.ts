/**
 * One validator for every operation of every service: reads the generated shape table and
 * answers the way AWS does — SerializationException for a body or member of the wrong JSON
 * type, ValidationException (ValidationError for Query services) for broken constraints.
 */
import type { ServiceId } from './contract';
import { contracts } from './contracts';
import { ProtocolError } from './protocol-error';
import { ConstraintChecker, formatViolation } from './validation/constraints';
import { Decoder, type WireProtocol } from './validation/decode';

export interface ValidateOptions {
  /** Defaults to the service's own protocol. */
  protocol?: WireProtocol;
}

// AWS: at most ten constraint violations are listed, and the count says how many are listed.
const MAX_LISTED = 10;

/** A request body (text or bytes) as a JSON value; undefined/empty means `{}`. */
function parseBody(raw: unknown): unknown {
  if (raw === undefined) return {};
  if (typeof raw !== 'string' && !(raw instanceof Uint8Array)) return raw;
  const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    // AWS: an unparseable body is a SerializationException with no message.
    throw new ProtocolError('SerializationException', '');
  }
}

export function validationMessage(messages: string[]): string {
  const listed = messages.slice(0, MAX_LISTED);
  const noun = listed.length === 1 ? 'error' : 'errors';
  return `${listed.length} validation ${noun} detected: ${listed.join('; ')}`;
}

/**
 * Checks `raw` (a parsed object, or the body text/bytes) against the input shape of
 * `operation` and returns the typed input: members the model does not know dropped,
 * timestamps as Date, blobs as Uint8Array. Throws ProtocolError, never anything else,
 * for a bad request.
 */
export function validateInput(service: ServiceId, operation: string, raw: unknown, opts: ValidateOptions = {}): unknown {
  const contract = contracts[service];
  const protocol = opts.protocol ?? contract.protocol;
  const op = Object.hasOwn(contract.operations, operation) ? contract.operations[operation] : undefined;
  if (!op) {
    if (protocol === 'query') {
      throw new ProtocolError('InvalidAction', `Could not find operation ${operation} for version ${contract.apiVersion}`);
    }
    // AWS: JSON services answer an unknown X-Amz-Target with no message.
    throw new ProtocolError('UnknownOperationException', '');
  }
  const body = protocol === 'json' ? parseBody(raw) : (raw ?? {});
  if (Array.isArray(body)) throw new ProtocolError('SerializationException', 'Start of list found where not expected');
  if (typeof body !== 'object' || body === null) throw new ProtocolError('SerializationException', '');
  if (!op.input) return {};

  const decoded = new Decoder(contract.shapes, protocol).decode(op.input, body) ?? {};
  const checker = new ConstraintChecker(contract.shapes);
  checker.check(op.input, decoded, '');
  if (checker.violations.length > 0) {
    const code = protocol === 'query' ? 'ValidationError' : 'ValidationException';
    throw new ProtocolError(code, validationMessage(checker.violations.map(formatViolation)));
  }
  return decoded;
}
