/** A key as other features see it: enough to name it in a policy and to use it. */
export interface KeyRef {
  keyId: string;
  arn: string;
}
