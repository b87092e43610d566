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

    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    @DateTimeColumn_({nullable: false})
    date!: Date

    @IntColumn_({nullable: false})
    payments!: number

    @BigIntColumn_({nullable: false})
    grossRevenue!: bigint

    @BigIntColumn_({nullable: false})
    protocolFees!: bigint

    @BigIntColumn_({nullable: false})
    directRevenue!: bigint

    @BigIntColumn_({nullable: false})
    upstreamRevenue!: bigint

    @BigIntColumn_({nullable: false})
    ownerRevenue!: bigint

    @BigIntColumn_({nullable: false})
    contributorRevenue!: bigint

    @IntColumn_({nullable: false})
    invocations!: number

    /**
     * accRevenuePerWeight at the end of the day (1e18-scaled), to attribute receipts per day.
     */
    @BigIntColumn_({nullable: false})
    accClose!: bigint
}
