/**
 * AWS Session Manager data channel, shared by the Bosun CLI, the console (browser), the agent
 * and the server relay. Isomorphic: Uint8Array only, no Node built-ins. See README.md.
 */
export * from './constants';
export * from './errors';
export * from './frame';
export * from './payloads';
export * from './clock';
export * from './datachannel';
export * from './smux';
export * from './version';
export * from './socket';
export * from './client-session';
export * from './agent-session';
export * from './memory-socket';
