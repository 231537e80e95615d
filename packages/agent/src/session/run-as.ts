/**
 * Which local user a shell or command session runs as — the decision alone, so it can be tested
 * without root. `resolveSessionUser` (session-user.ts) carries it out.
 */

/** What the session asks for: the SSM-SessionManagerRunShell preferences and the document's runAsElevated. */
export interface RunAsRequest {
  runAsEnabled: boolean;
  /** runAsDefaultUser, or the IAM principal's SSMSessionRunAs tag (the server picks). */
  runAsUser?: string;
  /** The document's properties.linux.runAsElevated (Interactive/NonInteractive commands). */
  elevated?: boolean;
}

/** Who the agent itself runs as. */
export interface AgentIdentity {
  uid: number;
  username: string;
}

/** The default session user AWS creates on a node whose agent runs as root. */
export const DEFAULT_SESSION_USER = 'ssm-user';

export type RunAsPlan =
  /** `create`: make the user first if it does not exist (only ever the default user). */
  | { kind: 'user'; user: string; create: boolean }
  | { kind: 'refused'; message: string };

export function planRunAs(request: RunAsRequest, agent: AgentIdentity): RunAsPlan {
  // AWS: runAsElevated sessions run as the agent itself (root on a normal install).
  if (request.elevated) return { kind: 'user', user: agent.username, create: false };
  if (request.runAsEnabled) {
    const user = request.runAsUser?.trim() ?? '';
    // AWS: "please set the RunAs default user" when Run As is on without a user.
    if (!user) return { kind: 'refused', message: 'Run As support is enabled but no Run As user is set: set runAsDefaultUser in the SSM-SessionManagerRunShell preferences or tag the IAM principal with SSMSessionRunAs.' };
    // AWS: "the agent must run as root to use RunAs". Asking for the agent's own user needs no switch, so it is allowed.
    if (agent.uid !== 0 && user !== agent.username)
      return { kind: 'refused', message: `the agent must run as root to start sessions as ${user} (it runs as ${agent.username})` };
    return { kind: 'user', user, create: false };
  }
  // AWS: without Run As, a root agent uses ssm-user (created on demand); any other agent uses itself.
  if (agent.uid === 0) return { kind: 'user', user: DEFAULT_SESSION_USER, create: true };
  return { kind: 'user', user: agent.username, create: false };
}
