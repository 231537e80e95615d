import { ACCOUNT, allow, c, deny, p, p08, runMatrix, when } from './testing/matrix';

const GET = 'ssm:GetParameter';
const PARAMS = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter`;
const HOME = `${PARAMS}/home/\${aws:username}/*`;
const bob = { 'aws:username': 'bob', 'aws:userid': 'AIDAEXAMPLEBOB', 'aws:PrincipalTag/team': 'ops' };
const role = { 'aws:userid': 'AROAEXAMPLE:session', 'aws:PrincipalTag/team': 'ops' };

runMatrix('policy variables', [
  c('${aws:username} grants the own home', [p(allow(GET, HOME))], GET, `${PARAMS}/home/bob/token`, bob, 'Allow'),
  c('${aws:username} does not grant another home', [p(allow(GET, HOME))], GET, `${PARAMS}/home/alice/token`, bob, 'ImplicitDeny'),
  c('variable names ignore case', [p(allow(GET, `${PARAMS}/home/\${AWS:UserName}/*`))], GET, `${PARAMS}/home/bob/token`, bob, 'Allow'),
  c('missing key: the statement does not match', [p(allow(GET, HOME))], GET, `${PARAMS}/home/bob/token`, role, 'ImplicitDeny'),
  c('missing key in a Deny: the Deny does not match', [p(allow(GET, `${PARAMS}/*`), deny(GET, HOME))], GET, `${PARAMS}/home/x/token`, role, 'Allow'),
  c('resolved Deny applies', [p(allow(GET, `${PARAMS}/*`), deny(GET, HOME))], GET, `${PARAMS}/home/bob/token`, bob, 'ExplicitDeny'),
  c('${aws:PrincipalTag/team} in Resource', [p(allow(GET, `${PARAMS}/teams/\${aws:PrincipalTag/team}/*`))], GET, `${PARAMS}/teams/ops/db`, bob, 'Allow'),
  c('${aws:PrincipalTag/team} other team', [p(allow(GET, `${PARAMS}/teams/\${aws:PrincipalTag/team}/*`))], GET, `${PARAMS}/teams/dev/db`, bob, 'ImplicitDeny'),
  c('${aws:userid} for a role session', [p(allow(GET, `${PARAMS}/by-id/\${aws:userid}`))], GET, `${PARAMS}/by-id/AROAEXAMPLE:session`, role, 'Allow'),
  c('default used when the key is missing', [p(allow(GET, `${PARAMS}/teams/\${aws:PrincipalTag/team, 'shared'}/*`))], GET, `${PARAMS}/teams/shared/db`, {}, 'Allow'),
  c('default ignored when the key is present', [p(allow(GET, `${PARAMS}/teams/\${aws:PrincipalTag/team, 'shared'}/*`))], GET, `${PARAMS}/teams/shared/db`, bob, 'ImplicitDeny'),
  c('${*} is a literal asterisk', [p(allow(GET, `${PARAMS}/star\${*}`))], GET, `${PARAMS}/star*`, {}, 'Allow'),
  c('${*} is not a wildcard', [p(allow(GET, `${PARAMS}/star\${*}`))], GET, `${PARAMS}/starry`, {}, 'ImplicitDeny'),
  c('${?} is a literal question mark', [p(allow(GET, `${PARAMS}/what\${?}`))], GET, `${PARAMS}/what?`, {}, 'Allow'),
  c('${?} is not a wildcard', [p(allow(GET, `${PARAMS}/what\${?}`))], GET, `${PARAMS}/whatX`, {}, 'ImplicitDeny'),
  c('${$} is a literal dollar', [p(allow(GET, `${PARAMS}/cost\${$}`))], GET, `${PARAMS}/cost$`, {}, 'Allow'),
  c('a * inside a resolved value is literal', [p(allow(GET, HOME))], GET, `${PARAMS}/home/bobby/token`, { 'aws:username': 'b*' }, 'ImplicitDeny'),
  c('a multivalued key cannot be a variable', [p(allow(GET, `${PARAMS}/\${aws:TagKeys}`))], GET, `${PARAMS}/env`, { 'aws:TagKeys': ['env'] }, 'ImplicitDeny'),
  c('variable in a condition value: equal', [p(allow(GET, '*', when('StringEquals', 'aws:ResourceTag/owner', '${aws:username}')))], GET, `${PARAMS}/x`, { ...bob, 'aws:ResourceTag/owner': 'bob' }, 'Allow'),
  c('variable in a condition value: not equal', [p(allow(GET, '*', when('StringEquals', 'aws:ResourceTag/owner', '${aws:username}')))], GET, `${PARAMS}/x`, { ...bob, 'aws:ResourceTag/owner': 'alice' }, 'ImplicitDeny'),
  c('variable in a StringLike value', [p(allow(GET, '*', when('StringLike', 'aws:ResourceTag/owner', '${aws:username}-*')))], GET, `${PARAMS}/x`, { ...bob, 'aws:ResourceTag/owner': 'bob-ci' }, 'Allow'),
  c('unresolvable variable in a condition', [p(allow(GET, '*', when('StringEquals', 'aws:ResourceTag/owner', '${aws:username}')))], GET, `${PARAMS}/x`, { ...role, 'aws:ResourceTag/owner': 'bob' }, 'ImplicitDeny'),
  c('2008-10-17: ${aws:username} is literal text', [p08(allow(GET, HOME))], GET, `${PARAMS}/home/bob/token`, bob, 'ImplicitDeny'),
  c('2008-10-17: it matches itself literally', [p08(allow(GET, HOME))], GET, `${PARAMS}/home/\${aws:username}/token`, bob, 'Allow'),
  c('no Version: variables are literal too', [{ Statement: allow(GET, HOME) }], GET, `${PARAMS}/home/bob/token`, bob, 'ImplicitDeny'),
  c('2008-10-17: literal condition value', [p08(allow(GET, '*', when('StringEquals', 'aws:ResourceTag/owner', '${aws:username}')))], GET, `${PARAMS}/x`, { ...bob, 'aws:ResourceTag/owner': '${aws:username}' }, 'Allow'),
]);
