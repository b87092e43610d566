import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * Treasury totals for one UTC day (pre-aggregated for dashboards).
 */
@Entity_()
export class TreasuryDayData {
    constructor(props?: Partial<TreasuryDayData>) {
        Object.assign(this, props)
    }

    /**
     * Day index: floor(unix seconds / 86 400).
     */
    @PrimaryColumn_()
    id!: string

    @DateTimeColumn_({nullable: false})
    date!: Date

    @BigIntColumn_({nullable: false})
    fees!: bigint

    @BigIntColumn_({nullable: false})
    deposits!: bigint

    @BigIntColumn_({nullable: false})
    transfersIn!: bigint

    @BigIntColumn_({nullable: false})
    disbursements!: bigint

    @BigIntColumn_({nullable: false})
    transfersOut!: bigint

    /**
     * Balance at the end of the day (wei).
     */
    @BigIntColumn_({nullable: false})
    balanceClose!: bigint

    /**
     * Gross payments that day (wei), for the effective take rate.
     */
    @BigIntColumn_({nullable: false})
    grossPayments!: bigint
}
