import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Payment} from "./payment.model"
import {Asset} from "./asset.model"
import {Account} from "./account.model"

/**
 * One asset reached by a payment (RevenueDistributed), with the accumulator move it caused.
 */
@Index_(["asset", "timestamp"], {unique: false})
@Index_(["owner", "timestamp"], {unique: false})
@Index_(["block", "id"], {unique: false})
@Entity_()
export class RevenueDistribution {
    constructor(props?: Partial<RevenueDistribution>) {
        Object.assign(this, props)
    }

    /**
     * `<paymentId>-<sequence>` (sequence = emission order within the payment, from 0).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The payment.
     */
    @Index_()
    @ManyToOne_(() => Payment, {nullable: true})
    payment!: Payment

    /**
     * The asset reached.
     */
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * 0 for the paid asset, +1 per lineage hop.
     */
    @IntColumn_({nullable: false})
    depth!: number

    /**
     * Amount reaching this asset (wei).
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * Owner part credited (wei), including upstream shares kept at the depth cap.
     */
    @BigIntColumn_({nullable: false})
    toOwner!: bigint

    /**
     * Contributor pool credited (wei); 0 when the asset has no active receipt weight.
     */
    @BigIntColumn_({nullable: false})
    toContributors!: bigint

    /**
     * Sent on to parents (wei).
     */
    @BigIntColumn_({nullable: false})
    toUpstream!: bigint

    /**
     * Owner credited (the asset's owner at that moment).
     */
    @ManyToOne_(() => Account, {nullable: true})
    owner!: Account

    /**
     * Active receipt weight of the asset at the event.
     */
    @BigIntColumn_({nullable: false})
    totalWeight!: bigint

    /**
     * accRevenuePerWeight before the event (1e18-scaled).
     */
    @BigIntColumn_({nullable: false})
    accBefore!: bigint

    /**
     * accRevenuePerWeight after the event.
     */
    @BigIntColumn_({nullable: false})
    accAfter!: bigint

    /**
     * Block number of the event.
     */
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of the event (UTC).
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the transaction that emitted the event.
     */
    @StringColumn_({nullable: false})
    txHash!: string
}
