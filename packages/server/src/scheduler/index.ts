/** The one scheduler: recurring jobs on one replica, and AWS schedule expressions. */
export { Scheduler, startScheduler, type ScheduledJob, type JobContext, type SchedulerOptions } from './scheduler';
export { parseSchedule, ScheduleError, type Schedule } from './schedule';
export { schedulerLockKey } from './leadership';
