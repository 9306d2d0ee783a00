package io.tessera.gateway.testing;

import io.tessera.gateway.group.GroupService;
import io.tessera.gateway.quota.Limits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates uniquely named groups with a quota and members, so that tests sharing one database never meet. */
@ApplicationScoped
public class Tenants {

    public static final long GI = 1L << 30;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    GroupService groups;

    /** A new group {@code <prefix>-<n>} with {@code quota} and the given members (not admins). */
    public String group(String prefix, Limits quota, String... members) {
        String name = prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + SEQUENCE.incrementAndGet();
        groups.create(name, null);
        groups.setQuota(name, quota);
        for (String member : members) {
            groups.addMember(name, member, false);
        }
        return name;
    }

    public static Limits cores(long cores) {
        return new Limits(cores * 1000, null, null, null, null);
    }
}
