import type { ScheduledJob } from '../scheduler/index';
import { deleteExpiredSessions } from './store/sessions';

/** Temporary credentials (AssumeRole, GetSessionToken, node role sessions) are removed once expired. */
export const identityJobs: ScheduledJob[] = [
  {
    name: 'iam:expired-sessions',
    everyMs: 10 * 60_000,
    async run(job) {
      const removed = await deleteExpiredSessions(job.db, job.now());
      if (removed > 0) job.logger.info({ removed }, 'removed expired temporary credentials');
    },
  },
];
