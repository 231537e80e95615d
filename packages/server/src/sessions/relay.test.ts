/**
 * The relay with a scripted node and a real WebSocket client: frames pass through unchanged in
 * both directions (the node's first frames wait for the client), tokens are checked and used
 * once, the end reaches both sides (channel_closed to the client, session_terminate to the
 * node), idle timeouts end sessions, a client can come back with ResumeSession, and the shell
 * is recorded as asciicast v2 in the blob store, audited and announced as an event.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import WebSocket from 'ws';
import { CreateDocumentCommand, DescribeSessionsCommand, ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand } from '@aws-sdk/client-ssm';
import { LookupEventsCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { MessageType, PayloadType, encodeSizePayload } from '@bosun/protocol/session/index';
import { asciicastOutput, parseAsciicast } from '@bosun/protocol/session/asciicast';
import { END_MESSAGES, relayOf, sessionMinuteMs, setSessionMinuteMs } from './index';
import { forEachSessionServer, openClient, streamFrame, waitFor } from '../features/sessions/testing/session-fixture';

forEachSessionServer('Session relay', (f) => {
  const describe = async (id: string) => {
    for (const State of ['Active', 'History'] as const) {
      const { Sessions } = await f.ssm.send(new DescribeSessionsCommand({ State, Filters: [{ key: 'SessionId', value: id }] }));
      if (Sessions!.length) return Sessions![0];
    }
    throw new Error(`no session ${id}`);
  };

  it('relays frames unchanged both ways, records the shell and ends with the exit code', async () => {
    const node = await f.node();
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id, Reason: 'recording test' }));
    const agent = await node.dataChannel(out.SessionId!);
    // The node speaks first (its handshake); the relay keeps it until the client is there.
    agent.stream(PayloadType.HandshakeRequest, JSON.stringify({ AgentVersion: '3.3.1957.0', RequestedClientActions: [] }));
    agent.stream(PayloadType.Output, 'héllo\r\n$ ');
    await new Promise((r) => setTimeout(r, 100));
    const client = await openClient(out.StreamUrl!, out.TokenValue!);
    await waitFor('the buffered frames', () => (client.frames.length >= 2 ? true : undefined));
    assert.equal(client.frames[0].payloadType, PayloadType.HandshakeRequest);
    assert.equal(client.text(), 'héllo\r\n$ ');
    assert.equal((await describe(out.SessionId!)).Status, 'Connected');

    client.stream(PayloadType.Size, encodeSizePayload(120, 40));
    const input = streamFrame(MessageType.InputStreamData, 1, PayloadType.Output, 'echo $((6*7))\r');
    client.ws.send(input);
    // A retransmission of the same message must not be recorded twice.
    client.ws.send(input);
    await waitFor('input at the node', () => (agent.frames.length >= 3 ? true : undefined));
    assert.deepEqual(agent.frames.map((fr) => fr.messageType), ['input_stream_data', 'input_stream_data', 'input_stream_data']);
    assert.equal(agent.text(), 'echo $((6*7))\recho $((6*7))\r');
    agent.stream(PayloadType.Output, 'echo $((6*7))\r\n42\r\n');
    // A multi-byte character split across two frames stays whole in the recording.
    const euro = new TextEncoder().encode('€');
    agent.stream(PayloadType.Output, euro.subarray(0, 1));
    agent.stream(PayloadType.Output, euro.subarray(1));
    agent.stream(PayloadType.ExitCode, 'EXIT_CODE: 3');
    await waitFor('output at the client', () => (client.text().includes('42') ? true : undefined));

    node.ended(out.SessionId!, 3);
    agent.close();
    await client.whenClosed();
    assert.equal(client.channelClosed()!.Output, '');
    const s = await waitFor('History', async () => { const x = await describe(out.SessionId!); return x.Status === 'Terminated' ? x : undefined; });
    assert.match(s.Details!, /exit code 3/);

    // The recording, through DescribeSessions' signed OutputUrl.
    const response = await fetch(s.OutputUrl!.S3OutputUrl!);
    assert.equal(response.status, 200);
    const cast = parseAsciicast(await response.text());
    assert.deepEqual([cast.header.version, cast.header.width, cast.header.height], [2, 120, 40]);
    assert.equal(asciicastOutput(cast), 'héllo\r\n$ echo $((6*7))\r\n42\r\n€');
    assert.deepEqual(cast.events.filter((e) => e[1] !== 'o').map((e) => [e[1], e[2]]), [['r', '120x40'], ['i', 'echo $((6*7))\r']]);
    const times = cast.events.map((e) => e[0]);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));

    // Audit: the end, with owner, reason, exit code and recording.
    const trail = new CloudTrailClient({ endpoint: f.t.url, region: 'us-east-1', credentials: f.t.admin, maxAttempts: 1 });
    const { Events } = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'SessionEnded' }] }));
    const ended = Events!.map((e) => JSON.parse(e.CloudTrailEvent!)).find((e) => e.requestParameters?.sessionId === out.SessionId);
    assert.ok(ended, 'a SessionEnded audit record');
    assert.equal(ended.requestParameters.owner, f.t.admin.userArn);
    assert.equal(ended.requestParameters.reason, 'recording test');
    assert.equal(ended.responseElements.exitCode, 3);
    assert.match(ended.responseElements.recording, /^sessions\/.*\.cast$/);
    // Events: Connecting, Connected, Terminated.
    const rows = await f.t.server.context.db.selectFrom('events').select(['detail']).where('source', '=', 'bosun.ssm').execute();
    const mine = rows.map((r) => JSON.parse(r.detail)).filter((d) => d['session-id'] === out.SessionId);
    assert.deepEqual(mine.map((d) => d.status), ['Connecting', 'Connected', 'Terminated']);
    assert.equal(mine[2]['exit-code'], 3);
  });

  it('refuses a wrong token, and a token already used', async () => {
    const node = await f.node();
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    await node.dataChannel(out.SessionId!);
    const wrong = await openClient(out.StreamUrl!, 'not-the-token');
    assert.equal((await wrong.whenClosed()).code, 4403);
    const first = await openClient(out.StreamUrl!, out.TokenValue!);
    await waitFor('Connected', async () => ((await describe(out.SessionId!)).Status === 'Connected' ? true : undefined));
    const again = await openClient(out.StreamUrl!, out.TokenValue!);
    assert.equal((await again.whenClosed()).code, 4403);
    assert.equal(first.closed, undefined);
    // The node side is checked the same way.
    const fake = new WebSocket(`${f.t.url.replace('http', 'ws')}/agent/v1/session/${out.SessionId}`);
    await new Promise((r) => fake.once('open', r));
    fake.send(JSON.stringify({ instanceId: node.id, token: 'guess' }));
    const code = await new Promise((r) => fake.once('close', (c) => r(c)));
    assert.equal(code, 4403);
    await f.ssm.send(new TerminateSessionCommand({ SessionId: out.SessionId }));
  });

  it('TerminateSession closes both ends: channel_closed to the client, session_terminate to the node', async () => {
    const node = await f.node();
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    const agent = await node.dataChannel(out.SessionId!);
    const client = await openClient(out.StreamUrl!, out.TokenValue!);
    await waitFor('Connected', async () => ((await describe(out.SessionId!)).Status === 'Connected' ? true : undefined));
    await f.ssm.send(new TerminateSessionCommand({ SessionId: out.SessionId }));
    await client.whenClosed();
    await agent.whenClosed();
    assert.equal(client.channelClosed()!.Output, END_MESSAGES.terminated);
    assert.equal(node.terminates.find((t) => t.sessionId === out.SessionId)?.sessionId, out.SessionId);
    assert.equal((await describe(out.SessionId!)).Status, 'Terminated');
  });

  it('a client that drops is Disconnected; ResumeSession lets it back and it gets what the node said meanwhile', async () => {
    const node = await f.node();
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    const agent = await node.dataChannel(out.SessionId!);
    const client = await openClient(out.StreamUrl!, out.TokenValue!);
    agent.stream(PayloadType.Output, 'before ');
    await waitFor('first output', () => (client.text() === 'before ' ? true : undefined));
    client.close();
    await waitFor('Disconnected', async () => ((await describe(out.SessionId!)).Status === 'Disconnected' ? true : undefined));
    agent.stream(PayloadType.Output, 'while away');
    const resumed = await f.ssm.send(new ResumeSessionCommand({ SessionId: out.SessionId }));
    assert.equal(resumed.StreamUrl, out.StreamUrl);
    const back = await openClient(resumed.StreamUrl!, resumed.TokenValue!);
    await waitFor('the output kept for it', () => (back.text() === 'while away' ? true : undefined));
    assert.equal((await describe(out.SessionId!)).Status, 'Connected');
    await f.ssm.send(new TerminateSessionCommand({ SessionId: out.SessionId }));
  });

  it('an idle session ends at its idleSessionTimeout; activity keeps it open', async () => {
    const minute = sessionMinuteMs();
    // One preference minute lasts 1 s here (long enough that a busy CI machine's timer lag
    // never looks like idleness while the test types every 100 ms).
    setSessionMinuteMs(1000);
    try {
      await f.ssm.send(new CreateDocumentCommand({
        Name: 'Idle-Shell', DocumentType: 'Session',
        Content: JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '1' } }),
      }));
      const node = await f.node();
      const out = await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'Idle-Shell' }));
      const agent = await node.dataChannel(out.SessionId!);
      const client = await openClient(out.StreamUrl!, out.TokenValue!);
      // Typing every 100 ms for 1.5 s: more than the timeout, never idle for it.
      for (let i = 0; i < 15; i++) {
        client.stream(PayloadType.Output, 'x');
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(client.closed, undefined, 'still open while typing');
      await client.whenClosed();
      await agent.whenClosed();
      assert.equal(client.channelClosed()!.Output, END_MESSAGES.idle);
      const s = await waitFor('Terminated', async () => { const x = await describe(out.SessionId!); return x.Status === 'Terminated' ? x : undefined; });
      assert.match(s.Details!, /idle/);
      assert.ok(node.terminates.some((t) => t.sessionId === out.SessionId));
    } finally {
      setSessionMinuteMs(minute);
    }
  });

  it('maxSessionDuration ends a busy session too', async () => {
    const minute = sessionMinuteMs();
    setSessionMinuteMs(300);
    try {
      await f.ssm.send(new CreateDocumentCommand({
        Name: 'Short-Shell', DocumentType: 'Session',
        Content: JSON.stringify({ schemaVersion: '1.0', sessionType: 'Standard_Stream', inputs: { idleSessionTimeout: '60', maxSessionDuration: '1' } }),
      }));
      const node = await f.node();
      const out = await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'Short-Shell' }));
      await node.dataChannel(out.SessionId!);
      const client = await openClient(out.StreamUrl!, out.TokenValue!);
      const typing = setInterval(() => { if (!client.closed) client.stream(PayloadType.Output, 'y'); }, 50);
      await client.whenClosed().finally(() => clearInterval(typing));
      assert.equal(client.channelClosed()!.Output, END_MESSAGES.maxDuration);
      const s = await waitFor('Terminated', async () => { const x = await describe(out.SessionId!); return x.Status === 'Terminated' ? x : undefined; });
      assert.match(s.Details!, /maximum duration/);
    } finally {
      setSessionMinuteMs(minute);
    }
  });

  it('port sessions are not recorded, but their start and end are', async () => {
    const node = await f.node();
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id, DocumentName: 'AWS-StartSSHSession' }));
    await node.dataChannel(out.SessionId!);
    node.ended(out.SessionId!);
    const s = await waitFor('History', async () => { const x = await describe(out.SessionId!); return x.Status === 'Terminated' ? x : undefined; });
    assert.equal(s.OutputUrl, undefined);
    const rows = await f.t.server.context.db.selectFrom('events').select(['detail']).where('source', '=', 'bosun.ssm').execute();
    assert.deepEqual(rows.map((r) => JSON.parse(r.detail)).filter((d) => d['session-id'] === out.SessionId).map((d) => d.status), ['Connecting', 'Terminated']);
  });
  it('after a crash, the sessions the database still shows live end as Terminated when the server starts', async () => {
    const node = await f.node();
    node.answer = false;
    const out = await f.ssm.send(new StartSessionCommand({ Target: node.id }));
    const { db } = f.t.server.context;
    // What a crash leaves: a Connected row no relay serves (a fresh relay's recover() runs at start).
    const crashed = { ...(await db.selectFrom('sessions').selectAll().where('session_id', '=', out.SessionId!).executeTakeFirstOrThrow()), session_id: `${out.SessionId}x`, status: 'Connected' };
    await db.insertInto('sessions').values(crashed).execute();
    await relayOf(db)!.relay.recover();
    const s = await describe(crashed.session_id);
    assert.equal(s.Status, 'Terminated');
    assert.match(s.Details!, /restarted/);
    // The live one (served by this relay) is untouched.
    assert.equal((await describe(out.SessionId!)).Status, 'Connecting');
  });
}, ['sqlite']);
