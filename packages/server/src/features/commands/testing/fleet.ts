/**
 * A full Bosun server (startTestServer: engine, hub, blobs) and a fleet of nodes that speak the
 * real agent protocol from this process. Each fake node answers run-command jobs with what
 * the test's `behave` says — so the engine's rate control and statuses can be watched exactly.
 */
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateActivationCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ChannelMessage, JobMessage } from '@bosun/protocol/agent/messages';
import type { RunCommandJob, RunCommandResult } from '@bosun/protocol/agent/run-command';
import { startTestServer, type Credentials, type TestServer } from '../../../../test/server-harness';
import { SSM_TRUST_POLICY } from '../../../agents/index';
import { connectNode, registerNode, type TestChannel, type TestNode } from '../../../agents/testing/test-agent';

export interface Behaviour {
  /** Output the node prints before answering. */
  stdout?: string;
  stderr?: string;
  /** stdout per step name, printed step by step (instead of `stdout` for the first step). */
  stepStdout?: Record<string, string>;
  status?: RunCommandResult['status'];
  exitCode?: number;
  /** How long the "command" runs. */
  delayMs?: number;
  /** Run until job-cancel arrives, then answer Cancelled. */
  untilCancelled?: boolean;
}

export class FakeNode {
  channel?: TestChannel;
  readonly jobs: RunCommandJob[] = [];
  running = 0;
  constructor(readonly node: TestNode, readonly fleet: Fleet, public behave: (job: RunCommandJob) => Behaviour) {}
  get id(): string { return this.node.instanceId; }

  async connect(): Promise<void> {
    const { channel } = await connectNode(this.fleet.t.url, this.node);
    this.channel = channel;
    channel.socket.on('message', (data) => void this.onFrame(JSON.parse(data.toString()) as ChannelMessage));
    // Frames that came right behind the welcome (a job waiting for this node) are already queued.
    for (const m of channel.received.splice(0)) void this.onFrame(m);
  }

  disconnect(): void { this.channel?.socket.close(); this.channel = undefined; }

  private cancelled = new Set<string>();
  private async onFrame(m: ChannelMessage): Promise<void> {
    if (m.type === 'job-cancel') { this.cancelled.add(m.jobId); return; }
    if (m.type !== 'job') return;
    const job = (m as JobMessage).payload as RunCommandJob;
    this.jobs.push(job);
    this.running++;
    this.fleet.observe();
    const send = (x: unknown) => this.channel?.send(x);
    send({ type: 'job-ack', jobId: m.jobId });
    const b = this.behave(job);
    const step = job.steps[0]?.name ?? 'runShellScript';
    const startedAt = new Date().toISOString();
    if (b.stdout) send({ type: 'job-output', jobId: m.jobId, stream: 'stdout', seq: 0, data: b.stdout, step });
    if (b.stderr) send({ type: 'job-output', jobId: m.jobId, stream: 'stderr', seq: 0, data: b.stderr, step });
    for (const [name, data] of Object.entries(b.stepStdout ?? {})) send({ type: 'job-output', jobId: m.jobId, stream: 'stdout', seq: 0, data, step: name });
    if (b.untilCancelled) while (!this.cancelled.has(m.jobId)) await new Promise((r) => setTimeout(r, 20));
    else await new Promise((r) => setTimeout(r, b.delayMs ?? 20));
    const status = b.untilCancelled ? 'Cancelled' : b.status ?? 'Success';
    const result: RunCommandResult = {
      status,
      steps: job.steps.map((s) => ({ name: s.name, action: s.action, status, responseCode: b.exitCode ?? (status === 'Success' ? 0 : 1), startedAt, finishedAt: new Date().toISOString() })),
    };
    this.running--;
    send({ type: 'job-result', jobId: m.jobId, result });
  }
}

export class Fleet {
  readonly nodes: FakeNode[] = [];
  /** The most jobs ever running at once across the fleet, and the sequence of in-flight counts seen at each job start. */
  maxRunning = 0;
  readonly startsAt: number[] = [];
  ssm: SSMClient;
  iam: IAMClient;
  constructor(readonly t: TestServer) {
    const credentials = { accessKeyId: t.admin.accessKeyId, secretAccessKey: t.admin.secretAccessKey };
    this.ssm = new SSMClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    this.iam = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  }

  static async start(): Promise<Fleet> {
    const fleet = new Fleet(await startTestServer());
    await fleet.iam.send(new CreateRoleCommand({ RoleName: 'FleetRole', AssumeRolePolicyDocument: SSM_TRUST_POLICY }));
    await fleet.iam.send(new AttachRolePolicyCommand({ RoleName: 'FleetRole', PolicyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' }));
    return fleet;
  }

  ssmAs(credentials: Credentials): SSMClient {
    return new SSMClient({ endpoint: this.t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  }

  observe(): void {
    const running = this.nodes.reduce((n, x) => n + x.running, 0);
    this.startsAt.push(running);
    this.maxRunning = Math.max(this.maxRunning, running);
  }

  /** Registers `count` nodes carrying `tags`; connected unless `connect` is false. Sorted by id (the dispatch order). */
  async add(count: number, tags: Record<string, string>, behave: (job: RunCommandJob) => Behaviour = () => ({}), connect = true): Promise<FakeNode[]> {
    const { ActivationId, ActivationCode } = await this.ssm.send(new CreateActivationCommand({
      IamRole: 'FleetRole', RegistrationLimit: count, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }));
    const added: FakeNode[] = [];
    for (let i = 0; i < count; i++) added.push(new FakeNode(await registerNode(this.t.url, ActivationId!, ActivationCode!), this, behave));
    if (connect) await Promise.all(added.map((n) => n.connect()));
    this.nodes.push(...added);
    return added.sort((a, b) => a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {
    for (const n of this.nodes) n.disconnect();
    await this.t.close();
  }
}

/** Polls until `probe` returns a value. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
