/**
 * The fan-out engine. Per command, one chain of steps at a time (so its counts never race):
 * cancel what was cancelled, time out what could not be delivered, terminate what MaxErrors
 * forbids, then send to more nodes as rate control allows — first 1, then 2, 4 … up to
 * MaxConcurrency, doubling as invocations finish. The database is the truth; the engine
 * recovers from it after a restart and polls it for work another replica accepted.
 */
import type { AgentHub } from '../../../agents/index';
import type { ServerContext } from '../../../operations/dispatch';
import { parseLimit } from '../limits';
import { appendOutput } from '../output';
import { countInvocations, errorLimitReached, type InvocationDetail } from '../statuses';
import { activeCommandIds, findInvocation, getCommand, invocationsOf, undeliveredFor, type CommandRow, type InvocationRow } from '../store';
import type { JobResultMessage } from '@bosun/protocol/agent/messages';
import type { Db } from '../../../db/index';
import { deliver, deliverAll } from './deliver';
import { ineligibleNodes } from './eligibility';
import { hasSsmReferences } from './ssm-references';
import { registerEngine, unregisterEngine, type Wakeable } from './registry';
import { isTerminal, recordAck, recordResult } from './results';
import { jobIdOf, parseJobId, type DocumentSnapshot } from './snapshot';
import { refresh, setDetail } from './transitions';

export interface CommandEngineOptions {
  server: ServerContext;
  hub: AgentHub;
  /** How often to look for work (delivery timeouts, commands sent through another replica). */
  pollMs?: number;
}

const ACTIVE = new Set(['Pending', 'InProgress', 'Cancelling']);
const IN_FLIGHT = new Set<InvocationDetail>(['InProgress', 'Delayed', 'Cancelling']);

export class CommandEngine implements Wakeable {
  /** Rate control: how many invocations of a command may be in flight now. */
  private readonly windows = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribe: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: CommandEngineOptions) {}

  private get db() { return this.options.server.db; }
  private get log() { return this.options.server.logger; }

  start(): this {
    const { hub } = this.options;
    registerEngine(this.db, this);
    this.unsubscribe.push(
      hub.onMessage('job-ack', (_id, m) => this.receive(m.jobId, { ack: true })),
      hub.onMessage('job-output', (_id, m) => {
        const job = parseJobId(m.jobId);
        if (!job) return;
        // Not chained: chunks must append in arrival order, before the result reads them.
        return appendOutput(this.db, job.commandId, job.instanceId, m.stream, m.data, m.step);
      }),
      hub.onMessage('job-result', (_id, m) => this.receive(m.jobId, { result: m })),
      hub.onConnect((instanceId) => void this.redeliver(instanceId).catch((err) => this.log.error({ err, instanceId }, 'redelivery failed'))),
    );
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 1000);
    this.timer.unref();
    void this.poll();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    unregisterEngine(this.db, this);
    await Promise.all([...this.chains.values()]);
  }

  wake(commandId: string): void {
    this.requestPump(commandId);
  }

  /** One pass queued behind whatever is waiting: a burst of results costs one pass, not one each. */
  private readonly pumpQueued = new Set<string>();
  private requestPump(commandId: string): void {
    if (this.pumpQueued.has(commandId)) return;
    this.pumpQueued.add(commandId);
    void this.enqueue(commandId, () => { this.pumpQueued.delete(commandId); return this.pump(commandId); });
  }

  /** CancelCommand: running invocations are asked to stop, the rest end Cancelled at once. */
  cancel(commandId: string, instanceIds: string[]): Promise<void> {
    return this.enqueue(commandId, async () => {
      const command = await getCommand(this.db, commandId);
      if (!command) return;
      for (const inv of await invocationsOf(this.db, commandId)) {
        if (!instanceIds.includes(inv.instance_id) || isTerminal(inv)) continue;
        await this.cancelOne(command, inv);
      }
      await this.pump(commandId);
    });
  }

  private async cancelOne(command: CommandRow, inv: InvocationRow, sql: Db = this.db): Promise<void> {
    const now = new Date().toISOString();
    if (inv.sent_at) this.options.hub.send(inv.instance_id, { type: 'job-cancel', jobId: jobIdOf(command.command_id, inv.instance_id) });
    // AWS: a node that has the command is Cancelling until it answers; one that never got it is Cancelled.
    if (inv.acked_at) { if (inv.status_details !== 'Cancelling') await setDetail(sql, command, inv, 'Cancelling'); }
    else await setDetail(sql, command, inv, 'Cancelled', { finished_at: now });
  }

  private enqueue(commandId: string, step: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(commandId) ?? Promise.resolve();
    const next = previous.then(step).catch((err) => this.log.error({ err, commandId }, 'run command engine step failed'));
    this.chains.set(commandId, next);
    void next.then(() => { if (this.chains.get(commandId) === next) this.chains.delete(commandId); });
    return next;
  }

  /** Acks and results wait in an inbox per command; one transaction takes all that arrived meanwhile. */
  private readonly inbox = new Map<string, Array<{ instanceId: string; ack?: true; result?: JobResultMessage }>>();
  private receive(jobId: string, entry: { ack?: true; result?: JobResultMessage }): void {
    const job = parseJobId(jobId);
    if (!job) return;
    let box = this.inbox.get(job.commandId);
    if (!box) {
      box = [];
      this.inbox.set(job.commandId, box);
      void this.enqueue(job.commandId, () => this.drain(job.commandId));
    }
    box.push({ instanceId: job.instanceId, ...entry });
  }

  private async drain(commandId: string): Promise<void> {
    const box = this.inbox.get(commandId) ?? [];
    this.inbox.delete(commandId);
    const command = await getCommand(this.db, commandId);
    if (!command) return;
    let finished = 0;
    await this.db.transaction().execute(async (trx) => {
      // A big batch reads every invocation once instead of one query each.
      const all = box.length > 16 ? new Map((await invocationsOf(trx, commandId)).map((i) => [i.instance_id, i])) : undefined;
      // A result in the same batch records the acknowledgement too.
      const answered = new Set(box.filter((e) => e.result).map((e) => e.instanceId));
      for (const e of box) {
        const inv = all ? all.get(e.instanceId) : await findInvocation(trx, commandId, e.instanceId);
        if (!inv) continue;
        if (e.ack) { if (!answered.has(e.instanceId)) await recordAck(trx, command, inv); }
        else if (e.result && await recordResult(this.db, command, inv, e.result, trx)) finished++;
      }
    });
    for (let i = 0; i < finished; i++) this.grow(command);
    if (finished > 0) this.requestPump(commandId);
  }

  private grow(command: CommandRow): void {
    const max = parseLimit(command.max_concurrency, command.target_count, 'concurrency');
    this.windows.set(command.command_id, Math.min(max, (this.windows.get(command.command_id) ?? 1) * 2));
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const id of await activeCommandIds(this.db)) if (!this.chains.has(id)) this.wake(id);
    } catch (err) {
      this.log.warn({ err }, 'run command poll failed');
    }
  }

  /** A node connected: send it what it missed (the agent runs a job id at most once). */
  private async redeliver(instanceId: string): Promise<void> {
    for (const inv of await undeliveredFor(this.db, instanceId)) {
      await this.enqueue(inv.command_id, async () => {
        const command = await getCommand(this.db, inv.command_id);
        const fresh = await findInvocation(this.db, inv.command_id, instanceId);
        if (!command || !fresh || isTerminal(fresh) || fresh.acked_at || Date.parse(command.expires_after) <= Date.now()) return;
        if (fresh.status_details === 'Cancelling') return void await setDetail(this.db, command, fresh, 'Cancelled', { finished_at: new Date().toISOString() });
        await deliver(this.options.server, this.options.hub, command, JSON.parse(command.document_snapshot) as DocumentSnapshot, fresh);
      });
    }
  }

  /** One pass over a command: the state machine's timed and counted transitions, then more sends. */
  private async pump(commandId: string): Promise<void> {
    const command = await getCommand(this.db, commandId);
    if (!command || !ACTIVE.has(command.status)) return;
    const snapshot = JSON.parse(command.document_snapshot) as DocumentSnapshot;
    // One transaction per pass, unless {{ssm:…}} must be read through dispatch (its own queries) first.
    if (hasSsmReferences(snapshot.steps)) await this.pass(this.db, command, snapshot);
    else await this.db.transaction().execute((trx) => this.pass(trx, command, snapshot));
  }

  private async pass(sql: Db, command: CommandRow, snapshot: DocumentSnapshot): Promise<void> {
    const commandId = command.command_id;
    const invocations = await invocationsOf(sql, commandId);
    const now = new Date();
    const iso = now.toISOString();
    const total = invocations.length;
    if (command.status === 'Cancelling') {
      for (const inv of invocations) if (!isTerminal(inv)) await this.cancelOne(command, inv, sql);
    }
    // AWS: past ExpiresAfter, whatever the node never took becomes DeliveryTimedOut.
    if (Date.parse(command.expires_after) <= now.getTime()) {
      for (const inv of invocations) {
        if (!isTerminal(inv) && !inv.acked_at) await setDetail(sql, command, inv, 'DeliveryTimedOut', { finished_at: iso });
      }
    }
    // AWS: a node deregistered since the send can no longer get what it has not taken: Undeliverable.
    const waiting = invocations.filter((i) => !isTerminal(i) && !i.acked_at && i.status_details !== 'Pending');
    if (waiting.length > 0) {
      const gone = await ineligibleNodes(sql, snapshot, waiting.map((i) => i.instance_id));
      for (const inv of waiting) {
        if (gone.get(inv.instance_id) === 'Undeliverable') await setDetail(sql, command, inv, 'Undeliverable', { finished_at: iso });
      }
    }
    const details = () => invocations.map((i) => i.status_details as InvocationDetail);
    // AWS: past MaxErrors, invocations not yet sent are Terminated; those in flight finish.
    if (errorLimitReached(countInvocations(details()), parseLimit(command.max_errors, total, 'errors'))) {
      for (const inv of invocations) {
        if (inv.status_details === 'Pending') await setDetail(sql, command, inv, 'Terminated', { finished_at: iso });
      }
    }
    const max = parseLimit(command.max_concurrency, total, 'concurrency');
    const limit = Math.min(max, this.windows.get(commandId) ?? 1);
    let inFlight = invocations.filter((i) => IN_FLIGHT.has(i.status_details as InvocationDetail)).length;
    // Fill the window; an invocation that fails before it is sent frees its slot for the next.
    while (inFlight < limit && !this.stopped) {
      const batch = invocations.filter((i) => i.status_details === 'Pending').slice(0, limit - inFlight);
      if (batch.length === 0) break;
      await deliverAll(this.options.server, this.options.hub, command, snapshot, batch, sql);
      inFlight = invocations.filter((i) => IN_FLIGHT.has(i.status_details as InvocationDetail)).length;
    }
    const after = await refresh(sql, command);
    if (!ACTIVE.has(after.status)) this.windows.delete(commandId);
  }
}
