import { ListCommandsCommand } from '@aws-sdk/client-ssm';
import { useConsole } from '../../ui/context';
import { ErrorNote } from '../../ui/error-note';
import { statusClass, when } from '../../ui/format';
import { href } from '../../ui/router';
import { useAsync } from '../../ui/use-async';
import { CommandView } from './command-view';
import { SendCommandForm } from './send-command-form';

export default function RunCommandPage({ route }: { route: string[] }) {
  if (route[0]) return <CommandView commandId={route[0]} />;
  return (
    <section>
      <div className="page-head"><h2>Run Command</h2></div>
      <SendCommandForm />
      <RecentCommands />
    </section>
  );
}

function RecentCommands() {
  const { ssm } = useConsole();
  const commands = useAsync(async () => (await ssm.send(new ListCommandsCommand({ MaxResults: 20 }))).Commands ?? [], []);
  return (
    <>
      <h3>Recent commands</h3>
      <ErrorNote error={commands.error} />
      {commands.data?.length === 0 ? <p className="muted">No commands yet.</p> : null}
      {commands.data && commands.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead><tr><th>Command</th><th>Document</th><th>Status</th><th>Targets</th><th>Requested</th><th>Comment</th></tr></thead>
            <tbody>
              {commands.data.map((c) => (
                <tr key={c.CommandId}>
                  <td className="mono"><a href={href('run', c.CommandId!)}>{c.CommandId}</a></td>
                  <td>{c.DocumentName}</td>
                  <td><span className={statusClass(c.Status)}>{c.Status}</span></td>
                  <td>{c.TargetCount} ({c.CompletedCount} done, {c.ErrorCount} errors)</td>
                  <td>{when(c.RequestedDateTime)}</td>
                  <td>{c.Comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
