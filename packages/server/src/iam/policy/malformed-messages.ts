/**
 * IAM's MalformedPolicyDocument messages, word for word as the IAM API returns them, so that
 * scripts and people who search for the text find the same explanation they would for AWS.
 */
export const MALFORMED = {
  // AWS: structural faults (bad JSON, unknown element, wrong type, Action with NotAction, unknown
  // condition operator, Effect neither Allow nor Deny in any case) all get this one message.
  syntax: 'Syntax errors in policy.',
  // AWS: values that pass the grammar but not the older parser: "allow", a bad date, a short ARN.
  legacyParsing: 'The policy failed legacy parsing',
  // AWS: managed policies (CreatePolicy, CreatePolicyVersion) need the current grammar.
  versionTooOld: 'Policy document must be version 2012-10-17 or greater.',
  missingField: (field: string) => `Missing required field ${field}`,
  prohibitedField: (field: string) => `Has prohibited field ${field}`,
  principalInIdentity: 'Policy document should not specify a principal.',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  actionVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionOneColon: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  partition: (partition: string, resource: string) => `Partition "${partition}" is not valid for resource "${resource}".`,
  invalidPrincipal: (type: string, id: string) => `Invalid principal in policy: "${type}":"${id}"`,
  duplicateSid: 'Statement IDs (SID) in a single policy must be unique.',
} as const;
