import { PARAM, allow, c, deny, p, runMatrix, when } from './testing/matrix';

const PUT = 'ssm:PutParameter';
const only = (operator: string, key: string, values: unknown) => [p(allow(PUT, PARAM, when(operator, key, values)))];
const keys = (...tagKeys: string[]) => ({ 'aws:TagKeys': tagKeys });

runMatrix('ForAnyValue and ForAllValues', [
  c('ForAllValues: every key allowed', only('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'owner']), PUT, PARAM, keys('env'), 'Allow'),
  c('ForAllValues: one key not allowed', only('ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'owner']), PUT, PARAM, keys('env', 'cost'), 'ImplicitDeny'),
  c('ForAllValues: key missing is true', only('ForAllValues:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, {}, 'Allow'),
  c('ForAllValues: empty list is true', only('ForAllValues:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, keys(), 'Allow'),
  c('ForAnyValue: one key matches', only('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, keys('cost', 'env'), 'Allow'),
  c('ForAnyValue: none matches', only('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, keys('cost'), 'ImplicitDeny'),
  c('ForAnyValue: key missing is false', only('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, {}, 'ImplicitDeny'),
  c('ForAnyValue: empty list is false', only('ForAnyValue:StringEquals', 'aws:TagKeys', ['env']), PUT, PARAM, keys(), 'ImplicitDeny'),
  c('ForAnyValue:StringLike', only('ForAnyValue:StringLike', 'aws:TagKeys', 'team-*'), PUT, PARAM, keys('env', 'team-a'), 'Allow'),
  c('ForAllValues:StringLike fails on one', only('ForAllValues:StringLike', 'aws:TagKeys', 'team-*'), PUT, PARAM, keys('env', 'team-a'), 'ImplicitDeny'),
  c('ForAllValues over a single-valued key', only('ForAllValues:StringEquals', 'aws:PrincipalTag/team', ['ops', 'dev']), PUT, PARAM, { 'aws:PrincipalTag/team': 'ops' }, 'Allow'),
  c('Deny with ForAnyValue:StringEquals on a forbidden key', [p(allow(PUT, PARAM), deny(PUT, '*', when('ForAnyValue:StringEquals', 'aws:TagKeys', 'admin')))], PUT, PARAM, keys('env', 'admin'), 'ExplicitDeny'),
  c('Deny with ForAnyValue and no tags is no deny', [p(allow(PUT, PARAM), deny(PUT, '*', when('ForAnyValue:StringEquals', 'aws:TagKeys', 'admin')))], PUT, PARAM, {}, 'Allow'),
  c('ForAllValues:StringNotEquals: none forbidden', only('ForAllValues:StringNotEquals', 'aws:TagKeys', ['admin']), PUT, PARAM, keys('env'), 'Allow'),
  c('ForAllValues:StringNotEquals: one forbidden', only('ForAllValues:StringNotEquals', 'aws:TagKeys', ['admin']), PUT, PARAM, keys('env', 'admin'), 'ImplicitDeny'),
]);

runMatrix('...IfExists and missing keys', [
  c('StringEqualsIfExists: key missing passes', only('StringEqualsIfExists', 'ssm:Overwrite', 'false'), PUT, PARAM, {}, 'Allow'),
  c('StringEqualsIfExists: key present and equal', only('StringEqualsIfExists', 'ssm:Overwrite', 'false'), PUT, PARAM, { 'ssm:Overwrite': 'false' }, 'Allow'),
  c('StringEqualsIfExists: key present and different', only('StringEqualsIfExists', 'ssm:Overwrite', 'false'), PUT, PARAM, { 'ssm:Overwrite': 'true' }, 'ImplicitDeny'),
  c('StringEquals without IfExists: key missing fails', only('StringEquals', 'ssm:Overwrite', 'false'), PUT, PARAM, {}, 'ImplicitDeny'),
  c('NumericLessThanIfExists: key missing passes', only('NumericLessThanIfExists', 'ssm:MaxResults', '10'), PUT, PARAM, {}, 'Allow'),
  c('NumericLessThanIfExists: key present and too big', only('NumericLessThanIfExists', 'ssm:MaxResults', '10'), PUT, PARAM, { 'ssm:MaxResults': '50' }, 'ImplicitDeny'),
  c('IpAddressIfExists: key missing passes', only('IpAddressIfExists', 'aws:SourceIp', '10.0.0.0/8'), PUT, PARAM, {}, 'Allow'),
  c('Deny with StringNotEqualsIfExists fires when the key is missing', [p(allow(PUT, PARAM), deny(PUT, '*', when('StringNotEqualsIfExists', 'aws:RequestTag/env', 'prod')))], PUT, PARAM, {}, 'ExplicitDeny'),
  c('Deny with StringNotEqualsIfExists and the right value', [p(allow(PUT, PARAM), deny(PUT, '*', when('StringNotEqualsIfExists', 'aws:RequestTag/env', 'prod')))], PUT, PARAM, { 'aws:RequestTag/env': 'prod' }, 'Allow'),
  c('Deny with StringNotEqualsIfExists and wrong value', [p(allow(PUT, PARAM), deny(PUT, '*', when('StringNotEqualsIfExists', 'aws:RequestTag/env', 'prod')))], PUT, PARAM, { 'aws:RequestTag/env': 'dev' }, 'ExplicitDeny'),
  c('ForAllValues:StringEqualsIfExists, key missing', only('ForAllValues:StringEqualsIfExists', 'aws:TagKeys', ['env']), PUT, PARAM, {}, 'Allow'),
  c('NotIpAddress with the key missing is true', only('NotIpAddress', 'aws:SourceIp', '10.0.0.0/8'), PUT, PARAM, {}, 'Allow'),
  c('ArnNotLike with the key missing is true', only('ArnNotLike', 'aws:SourceArn', 'arn:aws:iam::*:role/*'), PUT, PARAM, {}, 'Allow'),
  c('a context key set to undefined is missing', only('StringEquals', 'ssm:Overwrite', 'true'), PUT, PARAM, { 'ssm:Overwrite': undefined }, 'ImplicitDeny'),
]);
