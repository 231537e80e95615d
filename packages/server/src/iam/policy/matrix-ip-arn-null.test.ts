import { ACCOUNT, PARAM, allow, c, deny, p, runMatrix, when } from './testing/matrix';

const GET = 'ssm:GetParameter';
const only = (operator: string, key: string, values: unknown) => [p(allow(GET, PARAM, when(operator, key, values)))];
const ip = (value: string) => ({ 'aws:SourceIp': value });
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deployer`;
const arnOf = (value: string) => ({ 'aws:PrincipalArn': value });

runMatrix('IpAddress and NotIpAddress', [
  c('IPv4 inside the CIDR', only('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('203.0.113.7'), 'Allow'),
  c('IPv4 outside the CIDR', only('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('198.51.100.7'), 'ImplicitDeny'),
  c('IPv4 /32 exact address', only('IpAddress', 'aws:SourceIp', '203.0.113.7/32'), GET, PARAM, ip('203.0.113.7'), 'Allow'),
  c('IPv4 address without a prefix', only('IpAddress', 'aws:SourceIp', '203.0.113.7'), GET, PARAM, ip('203.0.113.8'), 'ImplicitDeny'),
  c('IPv4 one of several CIDRs', only('IpAddress', 'aws:SourceIp', ['10.0.0.0/8', '192.168.0.0/16']), GET, PARAM, ip('192.168.4.2'), 'Allow'),
  c('IPv6 inside the CIDR', only('IpAddress', 'aws:SourceIp', '2001:db8::/32'), GET, PARAM, ip('2001:db8:1234::1'), 'Allow'),
  c('IPv6 outside the CIDR', only('IpAddress', 'aws:SourceIp', '2001:db8::/32'), GET, PARAM, ip('2001:db9::1'), 'ImplicitDeny'),
  c('IPv6 caller against an IPv4 CIDR', only('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('2001:db8::1'), 'ImplicitDeny'),
  c('IPv4-mapped IPv6 caller counts as IPv4', only('IpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('::ffff:203.0.113.7'), 'Allow'),
  c('NotIpAddress outside', only('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('198.51.100.7'), 'Allow'),
  c('NotIpAddress inside', only('NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'), GET, PARAM, ip('203.0.113.9'), 'ImplicitDeny'),
  c('Deny from outside the office', [p(allow(GET, PARAM), deny('*', '*', when('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:db8::/32'])))], GET, PARAM, ip('2001:db8::5'), 'Allow'),
  c('Deny from outside the office hits', [p(allow(GET, PARAM), deny('*', '*', when('NotIpAddress', 'aws:SourceIp', ['203.0.113.0/24', '2001:db8::/32'])))], GET, PARAM, ip('192.0.2.1'), 'ExplicitDeny'),
]);

runMatrix('Arn condition operators', [
  c('ArnEquals exact', only('ArnEquals', 'aws:PrincipalArn', ROLE), GET, PARAM, arnOf(ROLE), 'Allow'),
  c('ArnEquals allows per-part wildcards', only('ArnEquals', 'aws:PrincipalArn', `arn:aws:iam::*:role/deploy*`), GET, PARAM, arnOf(ROLE), 'Allow'),
  c('ArnLike with wildcard', only('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`), GET, PARAM, arnOf(ROLE), 'Allow'),
  c('ArnLike other account', only('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::999999999999:role/*'), GET, PARAM, arnOf(ROLE), 'ImplicitDeny'),
  c('ArnLike is case-sensitive', only('ArnLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/DEPLOYER`), GET, PARAM, arnOf(ROLE), 'ImplicitDeny'),
  c('ArnNotEquals different ARN', only('ArnNotEquals', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/admin`), GET, PARAM, arnOf(ROLE), 'Allow'),
  c('ArnNotLike matching ARN', only('ArnNotLike', 'aws:PrincipalArn', `arn:aws:iam::${ACCOUNT}:role/*`), GET, PARAM, arnOf(ROLE), 'ImplicitDeny'),
  c('ArnLike against a non-ARN value', only('ArnLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/*'), GET, PARAM, arnOf('deployer'), 'ImplicitDeny'),
]);

runMatrix('Null', [
  c('Null true: key absent', only('Null', 'aws:PrincipalTag/team', 'true'), GET, PARAM, {}, 'Allow'),
  c('Null true: key present', only('Null', 'aws:PrincipalTag/team', 'true'), GET, PARAM, { 'aws:PrincipalTag/team': 'ops' }, 'ImplicitDeny'),
  c('Null false: key present', only('Null', 'aws:PrincipalTag/team', 'false'), GET, PARAM, { 'aws:PrincipalTag/team': 'ops' }, 'Allow'),
  c('Null false: key absent', only('Null', 'aws:PrincipalTag/team', 'false'), GET, PARAM, {}, 'ImplicitDeny'),
  c('Null true: empty list counts as absent', only('Null', 'aws:TagKeys', 'true'), GET, PARAM, { 'aws:TagKeys': [] }, 'Allow'),
  c('Deny untagged requests with Null', [p(allow('ssm:PutParameter', PARAM), deny('ssm:PutParameter', '*', when('Null', 'aws:RequestTag/owner', 'true')))], 'ssm:PutParameter', PARAM, {}, 'ExplicitDeny'),
]);
