/**
 * Cron schedules with exactly the semantics Kubernetes CronJob gets from robfig/cron v3
 * {@code ParseStandard} and {@code SpecSchedule.Next}, and CronJob's own arithmetic on them
 * (most recent tick, missed ticks, next tick). Pure: no clock of its own, no Kubernetes client.
 */
package io.tessera.operator.scheduledjob.schedule;
