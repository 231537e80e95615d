import pkg from '../package.json';

/** Reported to the server as AgentVersion; esbuild inlines it into the bundle. */
export const AGENT_VERSION: string = pkg.version;
