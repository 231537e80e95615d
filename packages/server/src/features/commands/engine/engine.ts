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
import { activeCommandIds, detailCounts, expandCounts, findInvocation, getCommand, invocationsFor, invocationsOf, openInvocationsOf, cancellingFor, nodesWithDelayed, pendingInvocationsOf, undeliveredFor, type CommandRow, type InvocationRow } from '../store';
import { TERMINAL } from '../statuses';
import type { JobResultMessage } from '@bosun/protocol/agent/messages';
import { dialectOf, type Db } from '../../../db/index';
import { EventBatch } from '../../../events/index';
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
/** Least time between two recounts of a command that has nothing left to send. */
const RECOUNT_MS = 25;
/** Polls between two full passes of a command this engine is working through. */
const FULL_PASS_POLLS = 3;
const IN_FLIGHT = new Set<InvocationDetail>(['InProgress', 'Delayed', 'Cancelling']);
/** How soon a replica sends a node's Delayed invocations again (deliverDelayed). */
const REDELIVER_MS = 10_000;

export class CommandEngine implements Wakeable {
  /** When each command last had a full pass (polls make one at most every FULL_PASS_POLLS). */
  private readonly lastFullPass = new Map<string, number>();
  /** Rate control: how many invocations of a command may be in flight now. */
  private readonly windows = new Map<string, number>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly unsubscribe: Array<() => void> = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;

  /** When each node's Delayed invocations were last sent from here (deliverDelayed). */
  private readonly redelivered = new Map<string, number>();
  private readonly shared: boolean;

  constructor(private readonly options: CommandEngineOptions) {
    this.shared = dialectOf(options.server.db) === 'postgres';
  }

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
    for (const timer of this.recounts.values()) clearTimeout(timer);
    this.recounts.clear();
    for (const off of this.unsubscribe.splice(0)) off();
    unregisterEngine(this.db, this);
    await Promise.all([...this.chains.values()]);
  }

  wake(commandId: string): void {
    this.requestPump(commandId, true);
  }

  /**
   * One pass queued behind whatever is waiting: a burst of results costs one pass, not one each.
   * A full pass looks at every unfinished invocation (cancel, delivery timeout, deregistered
   * nodes); the light pass that follows results only counts and sends more, so a command to
   * thousands of nodes does not reread them all each time a few answer. Polls and wakes are full.
   */
  private readonly pumpQueued = new Map<string, { full: boolean }>();
  private requestPump(commandId: string, full: boolean): void {
    const queued = this.pumpQueued.get(commandId);
    if (queued) { queued.full ||= full; return; }
    const request = { full };
    this.pumpQueued.set(commandId, request);
    void this.enqueue(commandId, () => { this.pumpQueued.delete(commandId); return this.pump(commandId, request.full); });
  }

  /**
   * After results: a light pass at once while invocations wait to be sent (rate control), else
   * at most one per RECOUNT_MS — then it only recounts, and a burst of thousands of results
   * arriving in small batches must not cost a pass per batch. Completion shows that much later.
   */
  private readonly nothingToSend = new Set<string>();
  private readonly recounts = new Map<string, NodeJS.Timeout>();
  private requestRecount(commandId: string): void {
    if (!this.nothingToSend.has(commandId)) return this.requestPump(commandId, false);
    if (this.recounts.has(commandId) || this.stopped) return;
    const timer = setTimeout(() => { this.recounts.delete(commandId); this.requestPump(commandId, false); }, RECOUNT_MS);
    this.recounts.set(commandId, timer);
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
      await this.pump(commandId, true);
    });
  }

  private async cancelOne(command: CommandRow, inv: InvocationRow, sql: Db = this.db, events?: EventBatch): Promise<void> {
    const now = new Date().toISOString();
    if (inv.sent_at) this.options.hub.send(inv.instance_id, { type: 'job-cancel', jobId: jobIdOf(command.command_id, inv.instance_id) });
    // AWS: a node that has the command is Cancelling until it answers; one that never got it is Cancelled.
    if (inv.acked_at) { if (inv.status_details !== 'Cancelling') await setDetail(sql, command, inv, 'Cancelling', {}, events); }
    else await setDetail(sql, command, inv, 'Cancelled', { finished_at: now }, events);
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
      // After this turn of the event loop: the answers of every node whose socket was read in
      // it join the batch (drained at once, the batch was one answer, a transaction each).
      void this.enqueue(job.commandId, () => new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain(job.commandId)));
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
      // The batch's status-change events are written together, at the end of its transaction.
      const events = new EventBatch();
      // A big batch reads its invocations in one query instead of one query each.
      const all = box.length > 1
        ? new Map((await invocationsFor(trx, commandId, [...new Set(box.map((e) => e.instanceId))])).map((i) => [i.instance_id, i]))
        : undefined;
      // A result in the same batch records the acknowledgement too.
      const answered = new Set(box.filter((e) => e.result).map((e) => e.instanceId));
      for (const e of box) {
        const inv = all ? all.get(e.instanceId) : await findInvocation(trx, commandId, e.instanceId);
        if (!inv) continue;
        if (e.ack) { if (!answered.has(e.instanceId)) await recordAck(trx, command, inv, events); }
        else if (e.result && await recordResult(this.db, command, inv, e.result, trx, events)) finished++;
      }
      await events.flush(trx);
    });
    for (let i = 0; i < finished; i++) this.grow(command);
    if (finished > 0) this.requestRecount(commandId);
  }

  private grow(command: CommandRow): void {
    const max = parseLimit(command.max_concurrency, command.target_count, 'concurrency');
    this.windows.set(command.command_id, Math.min(max, (this.windows.get(command.command_id) ?? 1) * 2));
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    try {
      const now = Date.now();
      if (this.shared) await this.deliverDelayed(now);
      for (const id of await activeCommandIds(this.db)) {
        if (this.chains.has(id)) continue;
        // A full pass reads every unfinished invocation (10,000 rows in a big fan-out, with an
        // eligibility query for those sent): a command this engine is working through gets one
        // every few polls, a light pass otherwise. Commands new here (another replica's, or
        // after a restart) get a full one at once.
        const due = now - (this.lastFullPass.get(id) ?? 0) >= FULL_PASS_POLLS * (this.options.pollMs ?? 1000);
        this.requestPump(id, due);
      }
    } catch (err) {
      this.log.warn({ err }, 'run command poll failed');
    }
  }

  /**
   * Replicas on PostgreSQL: a send through a replica the node is not connected to leaves the
   * invocation Delayed, a cancel through one leaves it Cancelling; the replica that holds the
   * node's channel delivers the one and sends the other's cancel on its next poll
   * (at most every REDELIVER_MS per node, so a node slow to acknowledge is not sent it again
   * and again; the agent runs a job id once either way).
   */
  private async deliverDelayed(now: number): Promise<void> {
    for (const instanceId of await nodesWithDelayed(this.db)) {
      if (!this.options.hub.isOnline(instanceId) || now - (this.redelivered.get(instanceId) ?? 0) < REDELIVER_MS) continue;
      this.redelivered.set(instanceId, now);
      void this.redeliver(instanceId).catch((err) => this.log.error({ err, instanceId }, 'redelivery failed'));
      // A cancel asked through another replica reaches the node from here (the agent ignores a repeat).
      for (const inv of await cancellingFor(this.db, instanceId)) {
        if (inv.sent_at) this.options.hub.send(instanceId, { type: 'job-cancel', jobId: jobIdOf(inv.command_id, instanceId) });
      }
    }
    for (const [id, at] of this.redelivered) if (now - at >= REDELIVER_MS) this.redelivered.delete(id);
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
  private async pump(commandId: string, full: boolean): Promise<void> {
    const command = await getCommand(this.db, commandId);
    if (!command || !ACTIVE.has(command.status)) return;
    const snapshot = JSON.parse(command.document_snapshot) as DocumentSnapshot;
    // Cancelling and expiry change unfinished invocations: only a full pass does that.
    if (command.status === 'Cancelling' || Date.parse(command.expires_after) <= Date.now()) full = true;
    // One transaction per pass, unless {{ssm:…}} must be read through dispatch (its own queries) first.
    const pass = full ? this.pass.bind(this) : this.lightPass.bind(this);
    if (hasSsmReferences(snapshot.steps)) await pass(this.db, command, snapshot);
    else await this.db.transaction().execute((trx) => pass(trx, command, snapshot));
  }

  /**
   * After results: counts by StatusDetails from the database, then as many Pending invocations
   * as the window admits — never a read of every invocation, which made a fan-out to thousands
   * of nodes quadratic (each doubling of the window reread every Pending one).
   */
  private async lightPass(sql: Db, command: CommandRow, snapshot: DocumentSnapshot): Promise<void> {
    const commandId = command.command_id;
    const counts = await detailCounts(sql, commandId);
    let total = 0;
    for (const n of counts.values()) total += n;
    let pending = counts.get('Pending') ?? 0;
    if (pending > 0) {
      if (errorLimitReached(countInvocations(expandCounts(counts)), parseLimit(command.max_errors, total, 'errors'))) {
        // AWS: past MaxErrors, invocations not yet sent are Terminated; those in flight finish.
        const events = new EventBatch();
        const iso = new Date().toISOString();
        for (const inv of await pendingInvocationsOf(sql, commandId)) await setDetail(sql, command, inv, 'Terminated', { finished_at: iso }, events);
        await events.flush(sql);
        pending = 0;
      } else {
        const limit = Math.min(parseLimit(command.max_concurrency, total, 'concurrency'), this.windows.get(commandId) ?? 1);
        let inFlight = 0;
        for (const [detail, n] of counts) if (IN_FLIGHT.has(detail)) inFlight += n;
        // Fill the window; an invocation that fails before it is sent frees its slot for the next.
        while (inFlight < limit && pending > 0 && !this.stopped) {
          const batch = await pendingInvocationsOf(sql, commandId, limit - inFlight);
          if (batch.length === 0) break;
          await deliverAll(this.options.server, this.options.hub, command, snapshot, batch, sql);
          inFlight += batch.filter((i) => IN_FLIGHT.has(i.status_details as InvocationDetail)).length;
          pending -= batch.length;
        }
      }
    }
    const after = await refresh(sql, command);
    this.settled(commandId, after, pending > 0);
  }

  /** Bookkeeping after a pass: whether anything waits to be sent, and a finished command's state. */
  private settled(commandId: string, after: CommandRow, pendingLeft: boolean): void {
    if (pendingLeft) this.nothingToSend.delete(commandId);
    else this.nothingToSend.add(commandId);
    if (!ACTIVE.has(after.status)) {
      this.windows.delete(commandId);
      this.nothingToSend.delete(commandId);
      this.lastFullPass.delete(commandId);
    }
  }

  /** Every unfinished invocation: cancel, delivery timeout, deregistered nodes, MaxErrors, then more sends. */
  private async pass(sql: Db, command: CommandRow, snapshot: DocumentSnapshot): Promise<void> {
    const commandId = command.command_id;
    this.lastFullPass.set(commandId, Date.now());
    // Only unfinished invocations can change here; the finished ones are counted, not read.
    const invocations = await openInvocationsOf(sql, commandId);
    const counted = await detailCounts(sql, commandId, TERMINAL);
    const now = new Date();
    const iso = now.toISOString();
    let total = invocations.length;
    for (const n of counted.values()) total += n;
    // This pass's status-change events, written together before more are sent.
    const events = new EventBatch();
    if (command.status === 'Cancelling') {
      for (const inv of invocations) if (!isTerminal(inv)) await this.cancelOne(command, inv, sql, events);
    }
    // AWS: past ExpiresAfter, whatever the node never took becomes DeliveryTimedOut.
    if (Date.parse(command.expires_after) <= now.getTime()) {
      for (const inv of invocations) {
        if (!isTerminal(inv) && !inv.acked_at) await setDetail(sql, command, inv, 'DeliveryTimedOut', { finished_at: iso }, events);
      }
    }
    // AWS: a node deregistered since the send can no longer get what it has not taken: Undeliverable.
    const waiting = invocations.filter((i) => !isTerminal(i) && !i.acked_at && i.status_details !== 'Pending');
    if (waiting.length > 0) {
      const gone = await ineligibleNodes(sql, snapshot, waiting.map((i) => i.instance_id));
      for (const inv of waiting) {
        if (gone.get(inv.instance_id) === 'Undeliverable') await setDetail(sql, command, inv, 'Undeliverable', { finished_at: iso }, events);
      }
    }
    const details = () => expandCounts(counted, invocations.map((i) => i.status_details as InvocationDetail));
    // AWS: past MaxErrors, invocations not yet sent are Terminated; those in flight finish.
    if (errorLimitReached(countInvocations(details()), parseLimit(command.max_errors, total, 'errors'))) {
      for (const inv of invocations) {
        if (inv.status_details === 'Pending') await setDetail(sql, command, inv, 'Terminated', { finished_at: iso }, events);
      }
    }
    await events.flush(sql);
    const max = parseLimit(command.max_concurrency, total, 'concurrency');
    const limit = Math.min(max, this.windows.get(commandId) ?? 1);
    const inFlightNow = () => invocations.filter((i) => IN_FLIGHT.has(i.status_details as InvocationDetail)).length;
    let inFlight = inFlightNow();
    // Fill the window; an invocation that fails before it is sent frees its slot for the next.
    while (inFlight < limit && !this.stopped) {
      const batch = invocations.filter((i) => i.status_details === 'Pending').slice(0, limit - inFlight);
      if (batch.length === 0) break;
      await deliverAll(this.options.server, this.options.hub, command, snapshot, batch, sql);
      inFlight = inFlightNow();
    }
    // Every invocation is counted or read here, and this pass changed only those it read.
    const after = await refresh(sql, command, undefined, details());
    this.settled(commandId, after, invocations.some((i) => i.status_details === 'Pending'));
  }
}
