package io.tessera.operator.arraycluster.autoscaling;

import java.util.List;

/**
 * The autoscaler's decision.
 *
 * @param target workers wanted from now on
 * @param reason why; {@link DecisionReason#ScaledUp}/{@link DecisionReason#ScaledDown} when the
 *        recommendation was followed as is
 * @param history the recommendations to remember for the next poll (this one included, older
 *        than the stabilisation window dropped)
 */
public record AutoscalerDecision(int target, DecisionReason reason, List<Recommendation> history) {

    public boolean changes(int current) {
        return target != current;
    }
}
