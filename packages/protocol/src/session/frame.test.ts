import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeFrame,
  decodeExitCodePayload,
  decodeFlagPayload,
  decodeJsonPayload,
  encodeExitCodePayload,
  encodeFlagPayload,
  encodeFrame,
  encodeJsonPayload,
  encodeSizePayload,
  MessageType,
  newMessageId,
  PayloadType,
  PayloadTypeFlag,
  SessionProtocolError,
  type AcknowledgeContent,
  type HandshakeRequestPayload,
} from './index';

// Golden bytes made by the session-manager-plugin's own SerializeClientMessage
// (a throwaway Go program against /opt/smp-build/src-repo, kept out of the repository).
const PLUGIN = {
  input: '00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000018bcfe5687b000000000000000500000000000000008f0123456789abcd0123456789ab4cdebee73bd50eb0edee3592c11e8d8f965d45e0ec95e7659a7a9b35c42f864a3e7500000001000000076c73202d6c610d',
  ack: '0000007461636b6e6f776c65646765202020202020202020202020202020202020202020000000010000018bcfe569c8000000000000000000000000000000039766554433221100ffeeddccbbaa49887fb1451318818d09755790a4a95f304c13515ef05eb4cbd3c358524fd295a36d00000000000000b17b2241636b6e6f776c65646765644d65737361676554797065223a226f75747075745f73747265616d5f64617461222c2241636b6e6f776c65646765644d6573736167654964223a2230313233343536372d383961622d346364652d386630312d323334353637383961626364222c2241636b6e6f776c65646765644d65737361676553657175656e63654e756d626572223a34322c22497353657175656e7469616c4d657373616765223a747275657d',
  handshakeRequest: '000000746f75747075745f73747265616d5f646174612020202020202020202020202020000000010000018bcfe56b15000000000000000000000000000000019766554433221100ffeeddccbbaa4988b679f34c045665f4fedd8ff4dc7be401d9cbddf2ced6325480abaf1bd738598400000005000000bd7b224167656e7456657273696f6e223a22332e332e313935372e30222c22526571756573746564436c69656e74416374696f6e73223a5b7b22416374696f6e54797065223a2253657373696f6e54797065222c22416374696f6e506172616d6574657273223a7b2253657373696f6e54797065223a22506f7274222c2250726f70657274696573223a7b22706f72744e756d626572223a223232222c2274797065223a224c6f63616c506f7274466f7277617264696e67227d7d7d5d7d',
  flag: '00000074696e7075745f73747265616d5f64617461202020202020202020202020202020000000010000018bcfe56be8000000000000000700000000000000008f0123456789abcd0123456789ab4cde433ebf5bc03dffa38536673207a21281612cef5faa9bc7a4d5b9be2fdb12cf1a0000000a0000000400000002',
};
const ID1 = '01234567-89ab-4cde-8f01-23456789abcd';
const ID2 = 'ffeeddcc-bbaa-4988-9766-554433221100';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => Uint8Array.from(s.match(/../g)!.map((x) => parseInt(x, 16)));
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('session frame codec', () => {
  it('decodes the plugin\'s input_stream_data and encodes it back byte for byte', () => {
    const frame = decodeFrame(unhex(PLUGIN.input));
    assert.deepEqual({ ...frame, payload: text(frame.payload) }, {
      messageType: 'input_stream_data', schemaVersion: 1, createdDate: 1700000000123, sequenceNumber: 5, flags: 0,
      messageId: ID1, payloadType: PayloadType.Output, payload: 'ls -la\r',
    });
    assert.equal(hex(encodeFrame(frame)), PLUGIN.input);
  });

  it('writes the message id in the plugin\'s order: the UUID\'s last 8 bytes, then its first 8', () => {
    const frame = encodeFrame({ messageType: 'x', schemaVersion: 1, createdDate: 1, sequenceNumber: 0, flags: 0,
      messageId: ID1, payloadType: 1, payload: bytes('a') });
    assert.equal(hex(frame.subarray(64, 80)), '8f0123456789abcd0123456789ab4cde');
  });

  it('matches the plugin\'s acknowledge message, payload JSON included', () => {
    const ack: AcknowledgeContent = {
      AcknowledgedMessageType: MessageType.OutputStreamData, AcknowledgedMessageId: ID1,
      AcknowledgedMessageSequenceNumber: 42, IsSequentialMessage: true,
    };
    const ours = encodeFrame({ messageType: MessageType.Acknowledge, schemaVersion: 1, createdDate: 1700000000456,
      sequenceNumber: 0, flags: 3, messageId: ID2, payloadType: 0, payload: encodeJsonPayload(ack) });
    assert.equal(hex(ours), PLUGIN.ack);
    assert.deepEqual(decodeJsonPayload(decodeFrame(unhex(PLUGIN.ack)).payload), ack);
  });

  it('matches a HandshakeRequest as Go marshals it', () => {
    const request: HandshakeRequestPayload = {
      AgentVersion: '3.3.1957.0',
      RequestedClientActions: [{ ActionType: 'SessionType',
        ActionParameters: { SessionType: 'Port', Properties: { portNumber: '22', type: 'LocalPortForwarding' } } }],
    };
    const ours = encodeFrame({ messageType: MessageType.OutputStreamData, schemaVersion: 1, createdDate: 1700000000789,
      sequenceNumber: 0, flags: 1, messageId: ID2, payloadType: PayloadType.HandshakeRequest, payload: encodeJsonPayload(request) });
    assert.equal(hex(ours), PLUGIN.handshakeRequest);
  });

  it('encodes flags as 4 big-endian bytes like the plugin\'s SendFlag', () => {
    const frame = decodeFrame(unhex(PLUGIN.flag));
    assert.equal(frame.payloadType, PayloadType.Flag);
    assert.equal(decodeFlagPayload(frame.payload), PayloadTypeFlag.TerminateSession);
    assert.equal(hex(encodeFlagPayload(PayloadTypeFlag.TerminateSession)), '00000002');
    assert.equal(hex(encodeFrame({ ...frame, payload: encodeFlagPayload(PayloadTypeFlag.TerminateSession) })), PLUGIN.flag);
  });

  it('sizes and exit codes use the JSON and text the plugin and agent use', () => {
    assert.equal(text(encodeSizePayload(120, 40)), '{"cols":120,"rows":40}');
    assert.equal(text(encodeExitCodePayload(3)), 'EXIT_CODE: 3');
    assert.equal(decodeExitCodePayload(bytes('EXIT_CODE: 127')), 127);
  });

  it('refuses a payload whose digest does not match, a short frame and a bad header', () => {
    const tampered = unhex(PLUGIN.input);
    tampered[tampered.length - 1] ^= 1;
    assert.throws(() => decodeFrame(tampered), (e) => e instanceof SessionProtocolError && e.reason === 'bad-digest');
    assert.throws(() => decodeFrame(unhex(PLUGIN.input).subarray(0, 100)),
      (e) => e instanceof SessionProtocolError && e.reason === 'short-frame');
    const truncated = unhex(PLUGIN.input).subarray(0, 122);
    assert.throws(() => decodeFrame(truncated), (e) => e instanceof SessionProtocolError && e.reason === 'short-frame');
    const badHeader = unhex(PLUGIN.input);
    badHeader[3] = 0x10;
    assert.throws(() => decodeFrame(badHeader), (e) => e instanceof SessionProtocolError && e.reason === 'bad-header');
  });

  it('carries an empty payload (start_publication) with a 120-byte frame', () => {
    const frame = encodeFrame({ messageType: MessageType.StartPublication, schemaVersion: 1, createdDate: 5,
      sequenceNumber: 0, flags: 0, messageId: newMessageId(), payloadType: 0, payload: new Uint8Array(0) });
    assert.equal(frame.length, 120);
    assert.equal(decodeFrame(frame).messageType, 'start_publication');
  });

  it('new message ids are version 4 UUIDs and survive a round trip', () => {
    const id = newMessageId();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const frame = encodeFrame({ messageType: 'acknowledge', schemaVersion: 1, createdDate: 1, sequenceNumber: -1,
      flags: 3, messageId: id, payloadType: 0, payload: bytes('{}') });
    assert.equal(decodeFrame(frame).messageId, id);
    assert.equal(decodeFrame(frame).sequenceNumber, -1);
  });
});
