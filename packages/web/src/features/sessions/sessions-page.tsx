export default function SessionsPage(_props: { route: string[] }) {
  return (
    <section>
      <div className="page-head"><h2>Sessions</h2></div>
      <p className="muted">Session Manager is not built on this server yet.</p>
    </section>
  );
}
