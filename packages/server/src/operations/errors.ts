/**
 * The one error type features throw. `code` is the AWS error code (`__type` on the wire,
 * `<Code>` for Query-protocol services); anything that is not an AwsError becomes a 500
 * InternalServerError carrying only the request id.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; AWS answers client faults with 400 unless the code says otherwise. */
    readonly statusCode = 400,
    /** Extra members AWS puts in some error bodies (e.g. `ReasonCode`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }

  /** Query-protocol services (IAM, STS) say whether the caller or the service was at fault. */
  get faultType(): 'Sender' | 'Receiver' {
    return this.statusCode >= 500 ? 'Receiver' : 'Sender';
  }
}

export const isAwsError = (e: unknown): e is AwsError => e instanceof AwsError;
