import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"

/**
 * Per-asset totals for one UTC day.
 */
@Entity_()
export class AssetDayData {
    constructor(props?: Partial<AssetDayData>) {
        Object.assign(this, props)
    }

    /**
     * `<assetId>-<dayIndex>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The asset.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * Start of the UTC day (00:00).
     */
    @DateTimeColumn_({nullable: false})
    date!: Date

    /**
     * Payments made directly to the asset that day.
     */
    @IntColumn_({nullable: false})
    payments!: number

    /**
     * Direct payments that day (wei, before fee).
     */
    @BigIntColumn_({nullable: false})
    grossRevenue!: bigint

    /**
     * Protocol fees of those payments (wei).
     */
    @BigIntColumn_({nullable: false})
    protocolFees!: bigint

    /**
     * Net amounts reaching the asset at depth 0 that day (wei).
     */
    @BigIntColumn_({nullable: false})
    directRevenue!: bigint

    /**
     * Amounts reaching the asset from descendants that day (wei).
     */
    @BigIntColumn_({nullable: false})
    upstreamRevenue!: bigint

    /**
     * Owner parts credited that day (wei).
     */
    @BigIntColumn_({nullable: false})
    ownerRevenue!: bigint

    /**
     * Contributor pools credited that day (wei).
     */
    @BigIntColumn_({nullable: false})
    contributorRevenue!: bigint

    /**
     * Invocations that day.
     */
    @IntColumn_({nullable: false})
    invocations!: number

    /**
     * accRevenuePerWeight at the end of the day (1e18-scaled), to attribute receipts per day.
     */
    @BigIntColumn_({nullable: false})
    accClose!: bigint
}
