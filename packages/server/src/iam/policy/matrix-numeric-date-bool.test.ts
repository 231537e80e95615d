import { PARAM, allow, c, deny, p, runMatrix, when } from './testing/matrix';

const GET = 'ssm:GetParameter';
const only = (operator: string, key: string, values: unknown) => [p(allow(GET, PARAM, when(operator, key, values)))];
const n = (value: string) => ({ 'ssm:MaxResults': value });
const now = (value: string) => ({ 'aws:CurrentTime': value, 'aws:EpochTime': String(Date.parse(value) / 1000) });

runMatrix('Numeric condition operators', [
  c('NumericEquals equal', only('NumericEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('10'), 'Allow'),
  c('NumericEquals compares numbers, not text', only('NumericEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('10.0'), 'Allow'),
  c('NumericEquals unequal', only('NumericEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('11'), 'ImplicitDeny'),
  c('NumericNotEquals unequal', only('NumericNotEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('11'), 'Allow'),
  c('NumericLessThan below', only('NumericLessThan', 'ssm:MaxResults', '10'), GET, PARAM, n('9'), 'Allow'),
  c('NumericLessThan at the bound', only('NumericLessThan', 'ssm:MaxResults', '10'), GET, PARAM, n('10'), 'ImplicitDeny'),
  c('NumericLessThanEquals at the bound', only('NumericLessThanEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('10'), 'Allow'),
  c('NumericGreaterThan above (not text order)', only('NumericGreaterThan', 'ssm:MaxResults', '9'), GET, PARAM, n('10'), 'Allow'),
  c('NumericGreaterThanEquals below', only('NumericGreaterThanEquals', 'ssm:MaxResults', '10'), GET, PARAM, n('9'), 'ImplicitDeny'),
  c('Numeric with a non-number in the request', only('NumericLessThan', 'ssm:MaxResults', '10'), GET, PARAM, n('ten'), 'ImplicitDeny'),
  c('Numeric key missing', only('NumericLessThan', 'ssm:MaxResults', '10'), GET, PARAM, {}, 'ImplicitDeny'),
]);

runMatrix('Date condition operators', [
  c('DateLessThan before the deadline', only('DateLessThan', 'aws:CurrentTime', '2027-01-01T00:00:00Z'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'Allow'),
  c('DateLessThan after the deadline', only('DateLessThan', 'aws:CurrentTime', '2026-01-01T00:00:00Z'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'ImplicitDeny'),
  c('DateGreaterThan with a date-only value', only('DateGreaterThan', 'aws:CurrentTime', '2026-11-27'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'Allow'),
  c('DateEquals across time zones', only('DateEquals', 'aws:CurrentTime', '2026-11-28T13:00:00+01:00'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'Allow'),
  c('DateNotEquals same instant', only('DateNotEquals', 'aws:CurrentTime', '2026-11-28T12:00:00Z'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'ImplicitDeny'),
  c('DateLessThanEquals at the instant', only('DateLessThanEquals', 'aws:CurrentTime', '2026-11-28T12:00:00Z'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'Allow'),
  c('DateGreaterThanEquals before it', only('DateGreaterThanEquals', 'aws:CurrentTime', '2026-11-28T12:00:01Z'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'ImplicitDeny'),
  c('Date policy value in epoch seconds', only('DateGreaterThan', 'aws:EpochTime', '1700000000'), GET, PARAM, now('2026-11-28T12:00:00Z'), 'Allow'),
  c('Deny after an expiry date', [p(allow(GET, PARAM), deny('*', '*', when('DateGreaterThan', 'aws:CurrentTime', '2026-06-30T23:59:59Z')))], GET, PARAM, now('2026-11-28T12:00:00Z'), 'ExplicitDeny'),
]);

runMatrix('Bool and BinaryEquals', [
  c('Bool true', only('Bool', 'aws:SecureTransport', 'true'), GET, PARAM, { 'aws:SecureTransport': 'true' }, 'Allow'),
  c('Bool ignores case', only('Bool', 'aws:SecureTransport', 'TRUE'), GET, PARAM, { 'aws:SecureTransport': 'true' }, 'Allow'),
  c('Bool written as a JSON boolean', only('Bool', 'aws:SecureTransport', true), GET, PARAM, { 'aws:SecureTransport': 'true' }, 'Allow'),
  c('Bool mismatch', only('Bool', 'aws:SecureTransport', 'true'), GET, PARAM, { 'aws:SecureTransport': 'false' }, 'ImplicitDeny'),
  c('Deny plain HTTP', [p(allow(GET, PARAM), deny('*', '*', when('Bool', 'aws:SecureTransport', 'false')))], GET, PARAM, { 'aws:SecureTransport': 'false' }, 'ExplicitDeny'),
  c('BinaryEquals same bytes', only('BinaryEquals', 'ssm:Blob', 'QmluYXJ5VmFsdWU='), GET, PARAM, { 'ssm:Blob': 'QmluYXJ5VmFsdWU=' }, 'Allow'),
  c('BinaryEquals other bytes', only('BinaryEquals', 'ssm:Blob', 'QmluYXJ5VmFsdWU='), GET, PARAM, { 'ssm:Blob': 'b3RoZXI=' }, 'ImplicitDeny'),
]);
