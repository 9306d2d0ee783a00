/**
 * The ScheduledJob controller's decisions as pure functions: {@link
 * io.tessera.operator.scheduledjob.planning.ScheduledJobPlanner} turns the observed ScheduledJob,
 * its runs and the time into a {@link io.tessera.operator.scheduledjob.planning.ScheduledJobPlan}
 * of runs to create, delete and prune, events, status and the next wake-up.
 */
package io.tessera.operator.scheduledjob.planning;
