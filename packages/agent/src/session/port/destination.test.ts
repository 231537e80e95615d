import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { canonicalAddress, DestinationError, dialDestination, isDeniedAddress, resolveDestination } from './destination';

describe('port session destinations', () => {
  it('refuses cloud metadata addresses however they are spelled', async () => {
    for (const host of ['169.254.169.254', '2852039166', '0xa9.0xfe.0xa9.0xfe', 'fd00:ec2::254', 'fd00:ec2:0:0:0:0:0:254', '[fd00:ec2::254]', '169.254.170.2']) {
      await assert.rejects(resolveDestination({ host, portNumber: '80' }), (error: DestinationError) => {
        assert.equal(error.reason, 'forbidden', host);
        assert.match(error.message, /is forbidden/);
        return true;
      });
    }
    assert.equal(isDeniedAddress('::ffff:169.254.169.254'), true);
    assert.equal(canonicalAddress('::ffff:a9fe:a9fe'), '169.254.169.254');
  });

  it('refuses a name whose DNS answer includes a metadata address', async () => {
    const lookup = async () => ['10.0.0.5', '169.254.169.254'];
    await assert.rejects(resolveDestination({ host: 'innocent.example', portNumber: '443' }, lookup), /innocent\.example is forbidden \(it resolves to 169\.254\.169\.254\)/);
  });

  it('allows ordinary hosts, defaults to localhost and checks the port', async () => {
    assert.deepEqual(await resolveDestination({ host: '10.1.2.3', portNumber: '5432' }), { host: '10.1.2.3', port: 5432, addresses: ['10.1.2.3'] });
    const local = await resolveDestination({ portNumber: 22 });
    assert.equal(local.host, 'localhost');
    assert.ok(local.addresses.some((a) => a === '127.0.0.1' || a === '::1'));
    for (const portNumber of ['', '0', '70000', '22; rm -rf /', undefined]) {
      await assert.rejects(resolveDestination({ portNumber }), (error: DestinationError) => error.reason === 'bad-port');
    }
  });

  it('dials the first address that answers', async () => {
    const server = net.createServer((s) => s.end('hi')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as net.AddressInfo).port;
    // ::1 on a port nobody listens on is refused first; 127.0.0.1 answers
    const socket = await dialDestination({ host: 'x', port, addresses: ['::1', '127.0.0.1'] });
    const text = await new Promise<string>((resolve) => {
      let t = '';
      socket.on('data', (d) => (t += d)).on('end', () => resolve(t));
    });
    assert.equal(text, 'hi');
    server.close();
    await assert.rejects(dialDestination({ host: 'x', port, addresses: ['127.0.0.1'] }), /ECONNREFUSED/);
  });
});
