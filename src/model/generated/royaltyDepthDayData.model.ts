import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {AssetKind} from "./_assetKind"

/**
 * Revenue reaching assets of one kind at one lineage depth on one UTC day.
 */
@Entity_()
export class RoyaltyDepthDayData {
    constructor(props?: Partial<RoyaltyDepthDayData>) {
        Object.assign(this, props)
    }

    /**
     * `<kind>-<depth>-<dayIndex>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Kind of the assets reached.
     */
    @Index_()
    @Column_("varchar", {length: 8, nullable: false})
    kind!: AssetKind

    /**
     * 0 for the asset paid, +1 per lineage hop (RevenueDistribution.depth).
     */
    @IntColumn_({nullable: false})
    depth!: number

    /**
     * Start of the UTC day (00:00).
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    date!: Date

    /**
     * RevenueDistributed events.
     */
    @IntColumn_({nullable: false})
    distributions!: number

    /**
     * Amount reaching assets at this depth (wei).
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint
}
