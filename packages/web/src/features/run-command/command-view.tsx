import { CancelCommandCommand, GetCommandInvocationCommand, ListCommandInvocationsCommand, ListCommandsCommand } from '@aws-sdk/client-ssm';
import { useState } from 'react';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { statusClass, when } from '../../ui/format';
import { href } from '../../ui/router';
import { useAction, useAsync, useInterval } from '../../ui/use-async';

const FINISHED = new Set(['Success', 'Failed', 'Cancelled', 'TimedOut', 'Cancelling']);

/** One command: its overall status and each node's progress and output, polled until done. */
export function CommandView({ commandId }: { commandId: string }) {
  const { ssm } = useConsole();
  const cancel = useAction();
  const state = useAsync(async () => {
    const [{ Commands = [] }, { CommandInvocations = [] }] = await Promise.all([
      ssm.send(new ListCommandsCommand({ CommandId: commandId })),
      ssm.send(new ListCommandInvocationsCommand({ CommandId: commandId, Details: true })),
    ]);
    return { command: Commands[0], invocations: CommandInvocations };
  }, [commandId]);
  const command = state.data?.command;
  const done = command ? FINISHED.has(command.Status!) && command.Status !== 'Cancelling' : false;
  useInterval(state.reload, 1000, !done && !state.error);

  return (
    <section>
      <div className="page-head">
        <h2><a href={href('run')}>Run Command</a> › <span className="mono">{commandId}</span></h2>
        {command && !done ? (
          <button className="danger" disabled={cancel.busy} onClick={() => cancel.run(async () => { await ssm.send(new CancelCommandCommand({ CommandId: commandId })); state.reload(); })}>Cancel command</button>
        ) : null}
      </div>
      <ErrorNote error={state.error ?? cancel.error} />
      {command ? (
        <dl className="facts">
          <dt>Status</dt><dd><span className={statusClass(command.Status)} data-testid="command-status">{command.Status}</span> {command.StatusDetails !== command.Status ? command.StatusDetails : ''}</dd>
          <dt>Document</dt><dd>{command.DocumentName}</dd>
          <dt>Targets</dt><dd>{command.TargetCount} · {command.CompletedCount} completed · {command.ErrorCount} errors{command.DeliveryTimedOutCount ? ` · ${command.DeliveryTimedOutCount} undelivered` : ''}</dd>
          <dt>Rate control</dt><dd>concurrency {command.MaxConcurrency}, error threshold {command.MaxErrors}, timeout {command.TimeoutSeconds} s</dd>
          <dt>Requested</dt><dd>{when(command.RequestedDateTime)}</dd>
          {command.Comment ? (<><dt>Comment</dt><dd>{command.Comment}</dd></>) : null}
        </dl>
      ) : null}
      {state.data?.invocations.map((inv) => (
        <article key={inv.InstanceId} className="card invocation" data-instance={inv.InstanceId}>
          <header>
            <span className="mono">{inv.InstanceId}</span> {inv.InstanceName}
            <span className={statusClass(inv.Status)}>{inv.StatusDetails ?? inv.Status}</span>
          </header>
          {(inv.CommandPlugins ?? []).map((p) => (
            <div key={p.Name}>
              <div className="muted small">{p.Name} · {p.Status}{p.ResponseCode !== undefined && p.ResponseCode !== -1 ? ` · exit ${p.ResponseCode}` : ''}</div>
              {p.Output ? <pre className="output">{p.Output}</pre> : null}
            </div>
          ))}
          {FINISHED.has(inv.Status!) ? <FullOutput commandId={commandId} instanceId={inv.InstanceId!} /> : null}
        </article>
      ))}
    </section>
  );
}

/** ListCommandInvocations shows the first 2,500 characters; GetCommandInvocation up to 24,000. */
function FullOutput({ commandId, instanceId }: { commandId: string; instanceId: string }) {
  const { ssm } = useConsole();
  const [open, setOpen] = useState(false);
  const full = useAction();
  const [text, setText] = useState<{ out?: string; err?: string; outUrl?: string }>();
  if (!open) {
    return (
      <button className="link" onClick={async () => {
        setOpen(true);
        const r = await full.run(() => ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId })));
        if (r) setText({ out: r.StandardOutputContent, err: r.StandardErrorContent, outUrl: r.StandardOutputUrl });
      }}>Full output</button>
    );
  }
  return (
    <div>
      <ErrorNote error={full.error} />
      {text?.out ? <><div className="muted small">stdout</div><pre className="output">{text.out}</pre></> : null}
      {text?.err ? <><div className="muted small">stderr</div><pre className="output output-err">{text.err}</pre></> : null}
      {text?.outUrl ? <a href={text.outUrl} target="_blank" rel="noreferrer">Download complete stdout</a> : null}
    </div>
  );
}
