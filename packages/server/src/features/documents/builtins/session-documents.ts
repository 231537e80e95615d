/**
 * The Session Manager documents AWS publishes (owner Amazon), written for Bosun with the same
 * names, session types, parameters (types, defaults, patterns) and properties, so
 * `aws ssm start-session --document-name AWS-StartPortForwardingSession --parameters …` and
 * `ssh -o ProxyCommand="aws ssm start-session --document-name AWS-StartSSHSession …"` work.
 */
const PORT_PATTERN = '^([1-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';
// AWS: the local port may be 0 (the plugin picks a free one).
const LOCAL_PORT_PATTERN = '^([0-9]|[1-9][0-9]{1,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$';

const session = (name: string, body: Record<string, unknown>) => ({
  name,
  documentType: 'Session',
  content: JSON.stringify({ schemaVersion: '1.0', ...body }, null, 2),
});

const portNumber = (fallback: string) => ({
  type: 'String',
  description: '(Optional) Port number of the server on the instance',
  allowedPattern: PORT_PATTERN,
  default: fallback,
});
const localPortNumber = {
  type: 'String',
  description: '(Optional) Port number on local machine to forward traffic to. An open port is chosen at run-time if not provided',
  allowedPattern: LOCAL_PORT_PATTERN,
  default: '0',
};

export const awsStartPortForwardingSession = session('AWS-StartPortForwardingSession', {
  description: 'Document to start port forwarding session over Session Manager',
  sessionType: 'Port',
  parameters: { portNumber: portNumber('80'), localPortNumber },
  properties: { portNumber: '{{ portNumber }}', type: 'LocalPortForwarding', localPortNumber: '{{ localPortNumber }}' },
});

export const awsStartPortForwardingSessionToRemoteHost = session('AWS-StartPortForwardingSessionToRemoteHost', {
  description: 'Document to start port forwarding session over Session Manager to a remote host',
  sessionType: 'Port',
  parameters: {
    host: {
      type: 'String',
      description: '(Required) Hostname or IP address of the destination server',
      // AWS: no shell metacharacters, at least three characters.
      allowedPattern: '^[^,$^&\\(\\)!;\'"<>\\`{}\\[\\]\\|#=]{3,}$',
    },
    portNumber: portNumber('80'),
    localPortNumber,
  },
  properties: { portNumber: '{{ portNumber }}', type: 'LocalPortForwarding', localPortNumber: '{{ localPortNumber }}', host: '{{ host }}' },
});

export const awsStartSshSession = session('AWS-StartSSHSession', {
  description: 'Document to start SSH session over Session Manager',
  sessionType: 'Port',
  parameters: { portNumber: { ...portNumber('22'), description: '(Optional) Port number of SSH server on the instance' } },
  properties: { portNumber: '{{ portNumber }}' },
});

const commandParameter = {
  command: { type: 'String', description: '(Required) The command to run on the instance.' },
};
const commandProperties = (elevated: boolean) => Object.fromEntries(['windows', 'linux', 'macos'].map((os) => [os, { commands: '{{ command }}', runAsElevated: elevated }]));

export const awsStartInteractiveCommand = session('AWS-StartInteractiveCommand', {
  description: 'Document to run single interactive command on an instance',
  sessionType: 'InteractiveCommands',
  parameters: commandParameter,
  properties: commandProperties(false),
});

export const awsStartNonInteractiveCommand = session('AWS-StartNonInteractiveCommand', {
  description: 'Document to run single non interactive command on an instance',
  sessionType: 'NonInteractiveCommands',
  parameters: commandParameter,
  properties: commandProperties(false),
});

export const sessionDocuments = [
  awsStartPortForwardingSession,
  awsStartPortForwardingSessionToRemoteHost,
  awsStartSshSession,
  awsStartInteractiveCommand,
  awsStartNonInteractiveCommand,
];
