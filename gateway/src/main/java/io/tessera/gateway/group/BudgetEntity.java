package io.tessera.gateway.group;

import io.tessera.gateway.quota.Budget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A group's monthly budget row; null columns mean no budget. */
@Entity
@Table(name = "group_budget")
public class BudgetEntity {

    @Id
    @Column(name = "group_id")
    public Long groupId;

    @Column(name = "core_hours_per_month", precision = 14, scale = 3)
    public BigDecimal coreHoursPerMonth;

    @Column(name = "gpu_hours_per_month", precision = 14, scale = 3)
    public BigDecimal gpuHoursPerMonth;

    public Budget budget() {
        return new Budget(coreHoursPerMonth, gpuHoursPerMonth);
    }
}
