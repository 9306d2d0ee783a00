package io.tessera.operator.arrayjob.desired;

import io.tessera.api.Constants;
import io.tessera.api.v1alpha1.arrayjob.ArrayJobAdmission;

/** Names and labels of the objects an ArrayJob owns; other components call these, never rebuild them. */
public final class ArrayJobNames {

    /** On everything a run owns: the ArrayJob's name, so `kubectl get ac,job,pod -l tessera.io/arrayjob=X` finds it all. */
    public static final String LABEL_RUN = Constants.GROUP + "/arrayjob";

    private ArrayJobNames() {
    }

    /** The run's ArrayCluster, {@code <run>-dask}: defined in the API so that the gateway's quota queue reserves the same name. */
    public static String cluster(String run) {
        return ArrayJobAdmission.clusterName(run);
    }

    /** The runner Job is named like the run (ArrayJob names are limited to 63 characters for this). */
    public static String job(String run) {
        return run;
    }

    /** The ConfigMap holding an inline script. */
    public static String scriptConfigMap(String run) {
        return run + "-script";
    }
}
