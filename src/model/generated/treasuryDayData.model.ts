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

    /**
     * Start of the UTC day (00:00).
     */
    @DateTimeColumn_({nullable: false})
    date!: Date

    /**
     * Protocol fees received that day (wei).
     */
    @BigIntColumn_({nullable: false})
    fees!: bigint

    /**
     * Deposits that day (wei).
     */
    @BigIntColumn_({nullable: false})
    deposits!: bigint

    /**
     * Plain transfers in that day (wei).
     */
    @BigIntColumn_({nullable: false})
    transfersIn!: bigint

    /**
     * Disbursements that day (wei).
     */
    @BigIntColumn_({nullable: false})
    disbursements!: bigint

    /**
     * Plain transfers out that day (wei).
     */
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

    /**
     * Disbursements in the GRANT category that day (wei).
     */
    @BigIntColumn_({nullable: false})
    grants!: bigint

    /**
     * Disbursements in the REWARDS category that day (wei).
     */
    @BigIntColumn_({nullable: false})
    rewards!: bigint

    /**
     * Disbursements in the OPERATIONS category that day (wei).
     */
    @BigIntColumn_({nullable: false})
    operations!: bigint

    /**
     * Disbursements in the LIQUIDITY category that day (wei).
     */
    @BigIntColumn_({nullable: false})
    liquidity!: bigint

    /**
     * Disbursements in the OTHER category that day (wei); the five categories sum to `disbursements`.
     */
    @BigIntColumn_({nullable: false})
    otherSpend!: bigint
}
