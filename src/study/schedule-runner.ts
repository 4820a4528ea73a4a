// Runs the study-schedule planner in its long-lived worker thread, so HiGHS never holds up other requests.
import { SCHEDULE_TIME_LIMIT_MS, type ScheduleInput, type SchedulePlan } from '../planning/study-schedule/index.ts';
import { workerQueue } from '../workers/queue.ts';

const plan = workerQueue<ScheduleInput, SchedulePlan>(new URL('./schedule-worker.ts', import.meta.url), 'schedule planner');

/** Same answer as planSchedule, computed in the worker; plans queue there one after another. */
export const planScheduleInWorker = (input: ScheduleInput, timeLimitMs = SCHEDULE_TIME_LIMIT_MS): Promise<SchedulePlan> => plan(input, timeLimitMs);
