package io.tessera.operator.config;

import java.lang.management.ManagementFactory;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;

/**
 * Leader election for the operator's replicas: only the Lease holder reconciles, the others wait
 * to take over. The Quarkus Operator SDK uses this bean in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default), so tests
 * that run the operator in-process are not slowed by it.
 */
public class LeaderElectionProducer {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(OperatorConfig config) {
        LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder
                .aLeaderElectionConfiguration(config.leaderElection().leaseName())
                // host@pid: unique per replica even when several run on one machine (out of cluster).
                .withIdentity(ManagementFactory.getRuntimeMXBean().getName());
        config.leaderElection().leaseNamespace().ifPresent(builder::withLeaseNamespace);
        return builder.build();
    }
}
