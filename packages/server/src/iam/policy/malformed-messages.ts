/**
 * IAM's MalformedPolicyDocument messages, word for word as the IAM API returns them, so that
 * scripts and people who search for the text find the same explanation they would for AWS.
 */
export const MALFORMED = {
  syntax: 'Syntax errors in policy.',
  // AWS: an unknown Version or a lower-case Effect ("allow") gets this message.
  legacyParsing: 'The policy failed legacy parsing',
  missingField: (field: string) => `Missing required field ${field}`,
  prohibitedField: (field: string) => `Has prohibited field ${field}`,
  principalInIdentity: 'Policy document should not specify a principal.',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  actionAndNotAction: 'Policy statement must contain only one of Action or NotAction.',
  resourceAndNotResource: 'Policy statement must contain only one of Resource or NotResource.',
  actionVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionOneColon: 'Actions/Condition can contain only one colon.',
  resourceArn: (resource: string) => `Resource ${resource} must be in ARN format or "*".`,
  invalidConditionType: (operator: string) => `Invalid Condition type : ${operator}`,
  invalidPrincipal: 'Invalid principal in policy',
  duplicateSid: 'Statement IDs (SID) in a single policy must be unique.',
  sidFormat: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
} as const;
