// The fast paths of the canonical request (path '/', empty query, header values with nothing to
// fold) must give what the general rules give.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalHeaderValue, canonicalQuery, canonicalRequest, canonicalUri, stringToSign } from './canonical-request';

/** The general rule, as AWS words it: trim, then fold every run of whitespace into one space. */
const folded = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value.map((v) => v.trim()).join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');

describe('canonicalHeaderValue', () => {
  it('matches the trim-and-fold rule on plain and awkward values', () => {
    const values = [
      '', ' ', '  ', '\t', 'a', 'application/x-amz-json-1.1', 'attempt=1; max=3', '"a   b   c"', ' a', 'a ', ' a ',
      'a  b', 'a\tb', 'a \tb', 'a\t', '\ta', 'a\nb', 'a\r\nb', 'a\u00a0b', 'a\u00a0', '\u00a0a', 'a\u2028b', 'a\u3000b',
      'a\ufeffb', 'a\u000bb', 'a\u000cb', 'a\u0001b', 'a\u007fb', 'é', 'caf\u00e9 au lait', 'a b c d', 'a  ', '~!@#$%^&*()',
    ];
    for (const value of values) assert.equal(canonicalHeaderValue(value), folded(value), JSON.stringify(value));
    assert.equal(canonicalHeaderValue(undefined), '');
    assert.equal(canonicalHeaderValue(['a', ' b ', 'c  d']), folded(['a', ' b ', 'c  d']));
    assert.equal(canonicalHeaderValue(['a']), 'a');
  });

  it('matches the trim-and-fold rule on random values', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = ['a', 'b', ' ', ' ', '\t', '\n', '\u00a0', '\u2003', 'é', ';', '='];
    for (let i = 0; i < 5000; i++) {
      let value = '';
      for (let n = random(8); n > 0; n--) value += alphabet[random(alphabet.length)];
      assert.equal(canonicalHeaderValue(value), folded(value), JSON.stringify(value));
    }
  });
});

describe('canonicalUri and canonicalQuery', () => {
  it('keeps / as it is and normalizes other paths', () => {
    assert.equal(canonicalUri('/'), '/');
    assert.equal(canonicalUri(''), '/');
    assert.equal(canonicalUri('//'), '/');
    assert.equal(canonicalUri('/./'), '/');
    assert.equal(canonicalUri('//example//'), '/example/');
    assert.equal(canonicalUri('/a/../b/./c'), '/b/c');
    assert.equal(canonicalUri('/a%20b/c'), '/a%2520b/c');
  });

  it('gives an empty query for none and sorts encoded pairs otherwise', () => {
    assert.equal(canonicalQuery(''), '');
    assert.equal(canonicalQuery('?'), '');
    assert.equal(canonicalQuery('&'), '');
    assert.equal(canonicalQuery('b=2&a=x%20y&a=1&c'), 'a=1&a=x%20y&b=2&c=');
  });
});

describe('canonicalRequest', () => {
  const input = {
    method: 'post',
    path: '/',
    query: '',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', 'my-header': ' a   b ' },
    signedHeaders: ['host', 'my-header', 'x-amz-date'],
    payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  const expected = [
    'POST',
    '/',
    '',
    'host:example.amazonaws.com\nmy-header:a b\nx-amz-date:20150830T123600Z\n',
    'host;my-header;x-amz-date',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  ].join('\n');

  it('lays the parts out as SigV4 does, with or without the joined list of signed headers', () => {
    assert.equal(canonicalRequest(input), expected);
    assert.equal(canonicalRequest({ ...input, signedHeaderList: 'host;my-header;x-amz-date' }), expected);
  });

  it('builds the string to sign', () => {
    assert.equal(
      stringToSign('20150830T123600Z', '20150830/us-east-1/service/aws4_request', 'x'),
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
    );
  });
});
