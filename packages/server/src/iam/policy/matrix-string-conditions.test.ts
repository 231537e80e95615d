import { PARAM, allow, c, deny, p, runMatrix, when } from './testing/matrix';

const GET = 'ssm:GetParameter';
const only = (operator: string, key: string, values: unknown) => [p(allow(GET, PARAM, when(operator, key, values)))];
const team = (value: string) => ({ 'aws:PrincipalTag/team': value });

runMatrix('String condition operators', [
  c('StringEquals matches', only('StringEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('ops'), 'Allow'),
  c('StringEquals is case-sensitive', only('StringEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('OPS'), 'ImplicitDeny'),
  c('StringEquals: several values are OR', only('StringEquals', 'aws:PrincipalTag/team', ['dev', 'ops']), GET, PARAM, team('ops'), 'Allow'),
  c('StringEquals: no value matches', only('StringEquals', 'aws:PrincipalTag/team', ['dev', 'qa']), GET, PARAM, team('ops'), 'ImplicitDeny'),
  c('StringEquals: key missing is false', only('StringEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, {}, 'ImplicitDeny'),
  c('StringEquals: * is not a wildcard', only('StringEquals', 'aws:PrincipalTag/team', 'o*'), GET, PARAM, team('ops'), 'ImplicitDeny'),
  c('condition key names ignore case', only('StringEquals', 'AWS:principaltag/TEAM', 'ops'), GET, PARAM, team('ops'), 'Allow'),
  c('StringNotEquals: different value', only('StringNotEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('dev'), 'Allow'),
  c('StringNotEquals: same value', only('StringNotEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('ops'), 'ImplicitDeny'),
  c('StringNotEquals: several values are NOR', only('StringNotEquals', 'aws:PrincipalTag/team', ['dev', 'ops']), GET, PARAM, team('ops'), 'ImplicitDeny'),
  c('StringNotEquals: key missing is true', only('StringNotEquals', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, {}, 'Allow'),
  c('StringEqualsIgnoreCase matches', only('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'Ops'), GET, PARAM, team('oPS'), 'Allow'),
  c('StringEqualsIgnoreCase differs', only('StringEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('dev'), 'ImplicitDeny'),
  c('StringNotEqualsIgnoreCase same but cased', only('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('OPS'), 'ImplicitDeny'),
  c('StringNotEqualsIgnoreCase differs', only('StringNotEqualsIgnoreCase', 'aws:PrincipalTag/team', 'ops'), GET, PARAM, team('dev'), 'Allow'),
  c('StringLike with *', only('StringLike', 'aws:UserAgent', 'aws-cli/*'), GET, PARAM, { 'aws:UserAgent': 'aws-cli/2.15.0 Python/3.11' }, 'Allow'),
  c('StringLike with ?', only('StringLike', 'aws:PrincipalTag/team', 'op?'), GET, PARAM, team('ops'), 'Allow'),
  c('StringLike must match the whole value', only('StringLike', 'aws:PrincipalTag/team', 'op'), GET, PARAM, team('ops'), 'ImplicitDeny'),
  c('StringLike is case-sensitive', only('StringLike', 'aws:UserAgent', 'AWS-CLI/*'), GET, PARAM, { 'aws:UserAgent': 'aws-cli/2' }, 'ImplicitDeny'),
  c('StringNotLike: value outside the pattern', only('StringNotLike', 'aws:UserAgent', 'boto3/*'), GET, PARAM, { 'aws:UserAgent': 'aws-cli/2' }, 'Allow'),
  c('StringNotLike: value inside the pattern', only('StringNotLike', 'aws:UserAgent', ['boto3/*', 'aws-cli/*']), GET, PARAM, { 'aws:UserAgent': 'aws-cli/2' }, 'ImplicitDeny'),
  c('Deny with StringNotEquals enforces a tag', [p(allow(GET, PARAM), deny('*', '*', when('StringNotEquals', 'aws:PrincipalTag/team', 'ops')))], GET, PARAM, team('dev'), 'ExplicitDeny'),
  c('Deny with StringNotEquals lets the tag through', [p(allow(GET, PARAM), deny('*', '*', when('StringNotEquals', 'aws:PrincipalTag/team', 'ops')))], GET, PARAM, team('ops'), 'Allow'),
  c('Deny with StringNotEquals and no tag denies', [p(allow(GET, PARAM), deny('*', '*', when('StringNotEquals', 'aws:PrincipalTag/team', 'ops')))], GET, PARAM, {}, 'ExplicitDeny'),
  c('condition values written as numbers compare as text', only('StringEquals', 'ssm:Version', 3), GET, PARAM, { 'ssm:Version': '3' }, 'Allow'),
]);

runMatrix('several operators and keys', [
  c('two keys in one operator: both hold', [p(allow(GET, PARAM, { StringEquals: { 'aws:PrincipalTag/team': 'ops', 'aws:RequestedRegion': 'us-east-1' } }))], GET, PARAM, { 'aws:PrincipalTag/team': 'ops', 'aws:RequestedRegion': 'us-east-1' }, 'Allow'),
  c('two keys in one operator: one fails', [p(allow(GET, PARAM, { StringEquals: { 'aws:PrincipalTag/team': 'ops', 'aws:RequestedRegion': 'us-east-1' } }))], GET, PARAM, { 'aws:PrincipalTag/team': 'ops', 'aws:RequestedRegion': 'eu-west-1' }, 'ImplicitDeny'),
  c('two operators: both hold', [p(allow(GET, PARAM, { StringEquals: { 'aws:PrincipalTag/team': 'ops' }, Bool: { 'aws:SecureTransport': 'true' } }))], GET, PARAM, { 'aws:PrincipalTag/team': 'ops', 'aws:SecureTransport': 'true' }, 'Allow'),
  c('two operators: one fails', [p(allow(GET, PARAM, { StringEquals: { 'aws:PrincipalTag/team': 'ops' }, Bool: { 'aws:SecureTransport': 'true' } }))], GET, PARAM, { 'aws:PrincipalTag/team': 'ops', 'aws:SecureTransport': 'false' }, 'ImplicitDeny'),
]);
