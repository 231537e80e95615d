import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  AgentSession,
  ClientSession,
  DataChannel,
  decodeFrame,
  encodeJsonPayload,
  ManualClock,
  memorySocketPair,
  PayloadType,
  PayloadTypeFlag,
  type SizeData,
  type SmuxStream,
} from './index';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A client and an agent joined as the relay joins them: each one's first TEXT frame is taken off. */
function pair() {
  const texts: { from: 'client' | 'agent'; json: Record<string, unknown> }[] = [];
  const frames: { from: 'client' | 'agent'; bytes: Uint8Array }[] = [];
  const [clientSocket, agentSocket] = memorySocketPair({
    filter: (data, from) => {
      const who = from === 'a' ? 'client' : 'agent';
      if (typeof data === 'string') {
        texts.push({ from: who, json: JSON.parse(data) });
        return false;
      }
      frames.push({ from: who, bytes: data });
      return true;
    },
  });
  return { texts, frames, clientSocket, agentSocket };
}

describe('ClientSession and AgentSession end to end', () => {
  it('handshake, shell echo, resize, exit code and channel close', async () => {
    const { texts, frames, clientSocket, agentSocket } = pair();
    const sizes: SizeData[] = [];
    const agent: AgentSession = new AgentSession({
      socket: agentSocket,
      hello: { instanceId: 'mi-0123456789abcdef0', token: 'agent-token' },
      sessionType: 'Standard_Stream',
      properties: { linux: { commands: '', runAsElevated: false } },
      onInput: (input) => agent.write(bytes(`echo:${text(input).replace('\r', '\\r')}\r\n`)),
      onResize: (size) => sizes.push(size),
    });
    let output = '';
    let exitCode: number | undefined;
    const client = new ClientSession({
      socket: clientSocket,
      tokenValue: 'client-token',
      onOutput: (b) => { output += text(b); },
      onExit: (code) => { exitCode = code; },
    });
    client.write(bytes('typed early\n'));
    const ready = await client.ready;
    const { clientVersion, multiplexed } = await agent.handshake;

    assert.deepEqual(texts.map((t) => t.from).sort(), ['agent', 'client'], 'each side sent one TEXT frame first');
    const hello = texts.find((t) => t.from === 'agent')!.json;
    const open = texts.find((t) => t.from === 'client')!.json;
    assert.deepEqual(hello, { instanceId: 'mi-0123456789abcdef0', token: 'agent-token' });
    assert.deepEqual(Object.keys(open), ['MessageSchemaVersion', 'RequestId', 'TokenValue', 'ClientId', 'ClientVersion']);
    assert.equal(open.TokenValue, 'client-token');
    assert.equal(open.MessageSchemaVersion, '1.0');
    assert.equal(open.ClientId, client.clientId);
    assert.equal(ready.sessionType, 'Standard_Stream');
    assert.equal(ready.agentVersion, '3.3.1957.0');
    assert.equal(clientVersion, '1.2.707.0');
    assert.equal(multiplexed, false);

    await waitFor('echo of early input', () => output.includes('echo:typed early'));
    client.write(bytes('\n'));
    await waitFor('enter', () => output.includes('echo:\\r'), 5000);
    client.resize(120, 40);
    client.resize(120, 40);
    client.resize(80, 24);
    await waitFor('sizes', () => sizes.length === 2);
    assert.deepEqual(sizes, [{ cols: 120, rows: 40 }, { cols: 80, rows: 24 }]);

    agent.sendExitCode(3);
    await waitFor('exit code', () => exitCode === 3);
    assert.equal(await agent.drain(), true);

    // The wire order of the handshake is the AWS one.
    const streamTypes = frames.map((f) => decodeFrame(f.bytes)).filter((f) => f.messageType !== 'acknowledge')
      .map((f) => `${f.messageType}:${f.payloadType}`);
    assert.deepEqual(streamTypes.slice(0, 3), ['output_stream_data:5', 'input_stream_data:6', 'output_stream_data:7']);
    assert.ok(frames.every((f) => f.bytes.length >= 120));

    client.close();
    const closed = await agent.closed;
    assert.equal(closed.byService, false);
  });

  it('answers the handshake with the JSON the plugin marshals', async () => {
    const { frames, clientSocket, agentSocket } = pair();
    const agent = new AgentSession({ socket: agentSocket, sessionType: 'InteractiveCommands', properties: {} });
    const client = new ClientSession({ socket: clientSocket, tokenValue: 't', clientVersion: '1.2.0.0' });
    const ready = await client.ready;
    await agent.handshake;
    const response = frames.map((f) => decodeFrame(f.bytes)).find((f) => f.payloadType === PayloadType.HandshakeResponse)!;
    // Golden: json.Marshal of the plugin's HandshakeResponsePayload for a successful SessionType action.
    assert.equal(text(response.payload),
      '{"ClientVersion":"1.2.0.0","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null}');
    assert.equal(ready.sessionType, 'Standard_Stream', 'the plugin runs InteractiveCommands as a shell');
    client.close();
    await agent.closed;
  });

  it('the agent refuses a session whose client fails an action, and times the handshake out', async () => {
    const { clientSocket, agentSocket } = pair();
    const agent = new AgentSession({ socket: agentSocket, sessionType: 'Standard_Stream', properties: {} });
    // A client that cannot do what is asked (as the plugin answers an unsupported action).
    const channel: DataChannel = new DataChannel({
      role: 'client', send: (f) => clientSocket.send(f),
      onStream: (type) => {
        if (type !== PayloadType.HandshakeRequest) return;
        channel.sendStream(PayloadType.HandshakeResponse, encodeJsonPayload({
          ClientVersion: '1.2.0.0', Errors: ['Unsupported action KMSEncryption'],
          ProcessedClientActions: [{ ActionType: 'KMSEncryption', ActionStatus: 3, ActionResult: null, Error: 'Unsupported action KMSEncryption' }],
        }));
      },
    });
    clientSocket.addEventListener('message', (e: { data: ArrayBuffer }) => channel.receive(new Uint8Array(e.data)));
    await assert.rejects(agent.handshake, /KMSEncryption failed on client/);
    assert.equal((await agent.closed).byService, false);
    channel.close();

    const clock = new ManualClock();
    const silent = pair();
    const waiting = new AgentSession({ socket: silent.agentSocket, sessionType: 'Standard_Stream', properties: {}, clock });
    await waitFor('the handshake request', () => silent.frames.length > 0);
    clock.advance(15_001);
    await assert.rejects(waiting.handshake, /Handshake timed out/);
  });

  it('a port session multiplexes TCP-like streams over smux and moves 10 MB intact', async () => {
    const { clientSocket, agentSocket } = pair();
    const flags: number[] = [];
    const agent: AgentSession = new AgentSession({
      socket: agentSocket,
      sessionType: 'Port',
      properties: { portNumber: '8080', type: 'LocalPortForwarding' },
      onFlag: (flag) => flags.push(flag),
      onStream: (stream: SmuxStream) => {
        if (stream.id === 7) return agent.refuseStream(stream);
        // An echo "destination".
        stream.onData = (b) => stream.write(b);
        stream.onEnd = () => stream.end();
      },
    });
    let portErrors = 0;
    const client = new ClientSession({ socket: clientSocket, tokenValue: 't', onPortError: () => portErrors++ });
    const ready = await client.ready;
    assert.equal(ready.multiplexed, true);
    assert.equal((await agent.handshake).multiplexed, true);

    const size = 10 * 1024 * 1024;
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) globalThis.crypto.getRandomValues(data.subarray(i, Math.min(size, i + 65536)));
    const stream = client.openStream();
    const small = client.openStream();
    assert.deepEqual([stream.id, small.id], [3, 5]);
    const hash = sha256.create();
    let received = 0;
    let ended = false;
    stream.onData = (b) => { hash.update(b); received += b.length; };
    stream.onEnd = () => { ended = true; };
    let smallEcho = '';
    small.onData = (b) => { smallEcho += text(b); };
    small.write(bytes('ping'));
    const started = Date.now();
    for (let offset = 0; offset < size; offset += 256 * 1024) {
      stream.write(data.subarray(offset, offset + 256 * 1024));
      await client.drained();
    }
    stream.end();
    await waitFor('the echo of 10 MB', () => ended, 120_000);
    const seconds = (Date.now() - started) / 1000;
    console.log(`10 MB echoed through ClientSession ↔ AgentSession (smux over the data channel) in ${seconds.toFixed(2)} s`);
    assert.equal(received, size);
    assert.equal(hex(hash.digest()), hex(sha256(data)));
    assert.equal(smallEcho, 'ping');
    assert.equal(portErrors, 0);

    const refused = client.openStream();
    let refusedEnded = false;
    refused.onEnd = () => { refusedEnded = true; };
    await waitFor('ConnectToPortError', () => portErrors === 1 && refusedEnded);

    await client.terminate();
    assert.deepEqual(flags, [PayloadTypeFlag.TerminateSession]);
    client.close();
    await agent.closed;
  });

  it('between Bosun ends that do not check digests the frames after the handshake carry none; a checking end still gets them', async () => {
    const digestOf = (f: Uint8Array) => f.subarray(80, 112);
    const zero = (f: Uint8Array) => digestOf(f).every((b) => b === 0);
    for (const [clientChecks, agentChecks] of [[false, false], [true, false], [false, true]]) {
      const { frames, clientSocket, agentSocket } = pair();
      const agent: AgentSession = new AgentSession({
        socket: agentSocket, sessionType: 'Port', properties: { portNumber: '80', type: 'LocalPortForwarding' }, verifyDigest: agentChecks,
        onStream: (stream) => { stream.onData = (b) => stream.write(b); },
      });
      const client = new ClientSession({ socket: clientSocket, tokenValue: 't', verifyDigest: clientChecks });
      await client.ready;
      const stream = client.openStream();
      let echoed = '';
      stream.onData = (b) => { echoed += text(b); };
      stream.write(bytes('ping'));
      await waitFor('the echo', () => echoed === 'ping');
      const from = (who: 'client' | 'agent') => frames.filter((f) => f.from === who).map((f) => f.bytes);
      const first = from('agent')[0];
      assert.ok(!zero(first), 'the HandshakeRequest carries its digest (the agent cannot know its client yet)');
      // Frames for an end that checks carry correct digests; for one that does not, zeros after the handshake.
      for (const [sender, receiverChecks] of [['client', agentChecks], ['agent', clientChecks]] as const) {
        // Acknowledgements go before their message is handled: the client's of the HandshakeRequest
        // and the agent's of the HandshakeResponse still carry digests.
        const later = from(sender).slice(sender === 'agent' ? 2 : 1);
        assert.ok(later.length > 2);
        for (const f of later) {
          if (receiverChecks) assert.doesNotThrow(() => decodeFrame(f), `${sender} → a checking end`);
          else assert.ok(zero(f), `${sender} → an end that does not check: no digest`);
        }
      }
      client.close();
      await agent.closed;
    }
  });
});
