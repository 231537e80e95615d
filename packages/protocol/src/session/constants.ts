/**
 * Names and numbers of the AWS Session Manager data channel, as the session-manager-plugin
 * (src/message/clientmessage.go, src/config/config.go) and amazon-ssm-agent define them.
 */

/** The 32-byte, space-padded message type at offset 4 of every frame. */
export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
} as const;
export type MessageTypeName = (typeof MessageType)[keyof typeof MessageType];

/** What the payload of a stream message is. */
export const PayloadType = {
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;
export type PayloadTypeNumber = (typeof PayloadType)[keyof typeof PayloadType];

/** The 4-byte big-endian value of a Flag payload. */
export const PayloadTypeFlag = {
  DisconnectToPort: 1,
  TerminateSession: 2,
  ConnectToPortError: 3,
} as const;
export type PayloadTypeFlagNumber = (typeof PayloadTypeFlag)[keyof typeof PayloadTypeFlag];

/** The session types (the `sessionType` of a session document). */
export const SessionType = {
  StandardStream: 'Standard_Stream',
  Port: 'Port',
  InteractiveCommands: 'InteractiveCommands',
  NonInteractiveCommands: 'NonInteractiveCommands',
} as const;
export type SessionTypeName = (typeof SessionType)[keyof typeof SessionType];

export const ActionType = { KMSEncryption: 'KMSEncryption', SessionType: 'SessionType' } as const;
export type ActionTypeName = (typeof ActionType)[keyof typeof ActionType];

export const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 } as const;
export type ActionStatusNumber = (typeof ActionStatus)[keyof typeof ActionStatus];

/** Frame flags (bit 0 SYN: first message of a stream; bit 1 FIN). */
export const FrameFlag = { Syn: 1, Fin: 2 } as const;

/**
 * The AgentVersion our agent reports in its HandshakeRequest.
 * AWS: the plugin multiplexes port sessions over smux for agents above 3.0.196.0 and turns smux
 * keep-alive off for agents above 3.1.1511.0 (config.go); we want both.
 */
export const SSM_AGENT_COMPAT_VERSION = '3.3.1957.0';

/**
 * The ClientVersion our client reports (OpenDataChannelInput and HandshakeResponse).
 * AWS: amazon-ssm-agent uses smux for clients at or above 1.1.70 and disables its smux keep-alive
 * for clients above 1.2.331.0 (plugins/port/port.go), so we claim a version above both.
 */
export const SESSION_CLIENT_VERSION = '1.2.707.0';

/** Timing of the data channel (the plugin's config.go, same values in amazon-ssm-agent). */
export const DataChannelTiming = {
  /** Initial retransmission timeout. */
  defaultRetransmissionTimeoutMs: 200,
  defaultRoundTripTimeMs: 100,
  defaultRoundTripTimeVariationMs: 0,
  /** How often the resend scheduler looks at the oldest unacknowledged message. */
  resendSleepIntervalMs: 100,
  /** After this many resends of one message the channel gives up (5 minutes). */
  resendMaxAttempt: 3000,
  rttConstant: 1 / 8,
  rttvConstant: 1 / 4,
  clockGranularityMs: 10,
  maxRetransmissionTimeoutMs: 1000,
  /** Payload size the plugin and the agent read stream data in. */
  streamDataPayloadSize: 1024,
  /**
   * Largest stream payload between Bosun ends (and from a Bosun agent to any client: the plugin
   * reads messages of any length). 256 KiB holds a 64 KiB socket read with its smux headers.
   */
  bosunPayloadSize: 256 * 1024,
  outgoingMessageBufferCapacity: 10000,
  incomingMessageBufferCapacity: 10000,
  /** The agent gives up on the handshake after this long. */
  handshakeTimeoutMs: 15000,
} as const;
