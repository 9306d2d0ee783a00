package io.tessera.api.v1alpha1.scheduledjob;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.sundr.builder.annotations.Buildable;
import io.tessera.api.v1alpha1.scheduledjob.spec.ConcurrencyPolicy;
import io.tessera.api.v1alpha1.scheduledjob.spec.JobTemplate;
import io.tessera.api.v1alpha1.scheduledjob.spec.MissedRunPolicy;

/** A cron schedule of ArrayJobs with the semantics of a Kubernetes CronJob. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class ScheduledJobSpec {

    /** Five space-separated fields, or one of the predefined macros CronJob accepts. */
    public static final String SCHEDULE_SHAPE =
            "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+)$";

    @Required
    @Size(min = 1, max = 256)
    @ValidationRule(value = "!self.startsWith('TZ=') && !self.startsWith('CRON_TZ=')",
            message = "the time zone cannot be set in the schedule (TZ= or CRON_TZ=); use spec.timeZone")
    @ValidationRule(value = "self.trim().matches('" + SCHEDULE_SHAPE + "')",
            message = "schedule must have five fields (minute hour day-of-month month day-of-week) or be one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly")
    @JsonPropertyDescription("Cron schedule in the Kubernetes CronJob format: five fields (minute hour "
            + "day-of-month month day-of-week) with ranges, steps, lists and names, or @yearly, @annually, "
            + "@monthly, @weekly, @daily, @midnight, @hourly. If both day-of-month and day-of-week are "
            + "restricted, a day matching either runs.")
    private String schedule;

    @Size(min = 1, max = 64)
    @Pattern("^[A-Za-z0-9_+\\-]+(/[A-Za-z0-9_+\\-]+)*$")
    @JsonPropertyDescription("IANA time zone the schedule is read in, e.g. Europe/Paris. Unset: the operator's time "
            + "zone (UTC in the shipped deployment). An unknown zone sets ScheduleValid=False.")
    private String timeZone;

    @Default("false")
    @JsonPropertyDescription("Suspend future runs; active runs continue. Default false.")
    private Boolean suspend;

    @Default("Allow")
    @JsonPropertyDescription("Allow (default): runs may overlap. Forbid: skip a tick while a run is active. "
            + "Replace: delete the active run and start the new one.")
    private ConcurrencyPolicy concurrencyPolicy;

    @Min(0)
    @JsonPropertyDescription("Seconds after its scheduled time a tick may still start; a later start counts as "
            + "missed. Unset: no deadline.")
    private Long startingDeadlineSeconds;

    @Default("3")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Finished successful runs to keep, oldest pruned first. Default 3.")
    private Integer successfulJobsHistoryLimit;

    @Default("1")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Finished failed runs to keep, oldest pruned first. Default 1.")
    private Integer failedJobsHistoryLimit;

    @Default("RunLatest")
    @JsonPropertyDescription("Ticks missed while the operator was down: RunLatest (default, CronJob behaviour) "
            + "runs only the most recent, Skip runs none, RunAll runs each (at most maxMissedRuns).")
    private MissedRunPolicy missedRunPolicy;

    @Default("10")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Most missed ticks RunAll catches up on; older ones are skipped. Default 10.")
    private Integer maxMissedRuns;

    @Required
    @JsonPropertyDescription("The ArrayJob each tick creates.")
    private JobTemplate jobTemplate;

    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public Boolean getSuspend() { return suspend; }
    public void setSuspend(Boolean suspend) { this.suspend = suspend; }
    public ConcurrencyPolicy getConcurrencyPolicy() { return concurrencyPolicy; }
    public void setConcurrencyPolicy(ConcurrencyPolicy concurrencyPolicy) { this.concurrencyPolicy = concurrencyPolicy; }
    public Long getStartingDeadlineSeconds() { return startingDeadlineSeconds; }
    public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) { this.startingDeadlineSeconds = startingDeadlineSeconds; }
    public Integer getSuccessfulJobsHistoryLimit() { return successfulJobsHistoryLimit; }
    public void setSuccessfulJobsHistoryLimit(Integer successfulJobsHistoryLimit) { this.successfulJobsHistoryLimit = successfulJobsHistoryLimit; }
    public Integer getFailedJobsHistoryLimit() { return failedJobsHistoryLimit; }
    public void setFailedJobsHistoryLimit(Integer failedJobsHistoryLimit) { this.failedJobsHistoryLimit = failedJobsHistoryLimit; }
    public MissedRunPolicy getMissedRunPolicy() { return missedRunPolicy; }
    public void setMissedRunPolicy(MissedRunPolicy missedRunPolicy) { this.missedRunPolicy = missedRunPolicy; }
    public Integer getMaxMissedRuns() { return maxMissedRuns; }
    public void setMaxMissedRuns(Integer maxMissedRuns) { this.maxMissedRuns = maxMissedRuns; }
    public JobTemplate getJobTemplate() { return jobTemplate; }
    public void setJobTemplate(JobTemplate jobTemplate) { this.jobTemplate = jobTemplate; }
}
