package io.tessera.api.v1alpha1.arraycluster.status;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.generator.annotation.Size;
import io.sundr.builder.annotations.Buildable;

/** The autoscaler's last decision; written here (never to spec) so that GitOps and HPA never fight it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Buildable(editableEnabled = false, builderPackage = "io.fabric8.kubernetes.api.builder")
public class AutoscalerStatus {

    @JsonPropertyDescription("Workers the scheduler last asked for (GET /api/v1/adaptive_target).")
    private Integer recommendation;
    @JsonPropertyDescription("Target after clamping, step limits, stabilisation and quota.")
    private Integer target;
    @JsonPropertyDescription("Why the target differs from the recommendation, e.g. ClampedToMax, StepLimited, QuotaLimited.")
    private String reason;
    @JsonPropertyDescription("When the scheduler was last asked (RFC 3339).")
    private String lastPollTime;
    @JsonPropertyDescription("When the number of workers was last changed (RFC 3339); start of the cooldown.")
    private String lastScaleTime;
    @Size(max = 1000)
    @JsonPropertyDescription("Readings within the stabilisation window, oldest first; kept in status so that an "
            + "operator restart does not forget them.")
    private List<RecommendationRecord> recentRecommendations;

    public Integer getRecommendation() { return recommendation; }
    public void setRecommendation(Integer recommendation) { this.recommendation = recommendation; }
    public Integer getTarget() { return target; }
    public void setTarget(Integer target) { this.target = target; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getLastPollTime() { return lastPollTime; }
    public void setLastPollTime(String lastPollTime) { this.lastPollTime = lastPollTime; }
    public String getLastScaleTime() { return lastScaleTime; }
    public void setLastScaleTime(String lastScaleTime) { this.lastScaleTime = lastScaleTime; }
    public List<RecommendationRecord> getRecentRecommendations() { return recentRecommendations; }
    public void setRecentRecommendations(List<RecommendationRecord> recentRecommendations) { this.recentRecommendations = recentRecommendations; }
}
