/** AWS's SessionStatus values and which of them DescribeSessions State=Active lists. */
export type SessionStatus = 'Connected' | 'Connecting' | 'Disconnected' | 'Terminated' | 'Terminating' | 'Failed';

export const ACTIVE_STATUSES: SessionStatus[] = ['Connected', 'Connecting', 'Disconnected', 'Terminating'];
export const HISTORY_STATUSES: SessionStatus[] = ['Terminated', 'Failed'];

export const isEnded = (status: string): boolean => (HISTORY_STATUSES as string[]).includes(status);
