import type { ScheduledJob } from '../../scheduler/index';
import { pruneEventLog } from '../../events/retention';

/** The events room's recurring work: keep the log and delivery history bounded. */
export const eventJobs: ScheduledJob[] = [
  {
    name: 'events:prune',
    everyMs: 3_600_000,
    async run({ db, now, logger }) {
      const pruned = await pruneEventLog(db, now());
      if (pruned.events + pruned.deliveries > 0) logger.info(pruned, 'pruned the event log');
    },
  },
];
