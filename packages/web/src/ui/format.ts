export function when(value: Date | string | number | undefined): string {
  if (value === undefined) return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A CSS class for an AWS status word: Online, Success, InProgress, Failed … */
export function statusClass(status: string | undefined): string {
  switch (status) {
    case 'Online': case 'Success': case 'Active': case 'Connected':
      return 'status status-ok';
    case 'Pending': case 'InProgress': case 'Delayed': case 'Cancelling': case 'Connecting': case 'Terminating':
      return 'status status-busy';
    case undefined: case '':
      return 'status';
    default:
      return /Lost|Fail|TimedOut|Cancel|Undeliverable|Terminated|Inactive|Disconnected/.test(status) ? 'status status-bad' : 'status';
  }
}
