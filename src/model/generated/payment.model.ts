import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, BigIntColumn as BigIntColumn_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {Account} from "./account.model"
import {PaymentSource} from "./_paymentSource"
import {RevenueDistribution} from "./revenueDistribution.model"

/**
 * A payment routed through the RevenueVault (PaymentReceived).
 */
@Index_(["asset", "timestamp"], {unique: false})
@Index_(["block", "id"], {unique: false})
@Entity_()
export class Payment {
    constructor(props?: Partial<Payment>) {
        Object.assign(this, props)
    }

    /**
     * Payment id (decimal), from 1.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The id as a number, for numeric order and ranges (`id` sorts as text: 1, 10, 2): `orderBy: number_ASC`, `where: {number_gt: ...}`.
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    number!: bigint

    /**
     * The asset paid.
     */
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * Who paid.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    payer!: Account

    /**
     * LICENSE (purchase) or INVOCATION (per-call fee).
     */
    @Column_("varchar", {length: 10, nullable: false})
    source!: PaymentSource

    /**
     * Amount paid (wei), before fee.
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * Protocol fee sent to the treasury (wei).
     */
    @BigIntColumn_({nullable: false})
    protocolFee!: bigint

    /**
     * amount - protocolFee (wei), distributed through the lineage.
     */
    @BigIntColumn_({nullable: false})
    net!: bigint

    /**
     * Number of RevenueDistributed events (assets reached, once per path).
     */
    @IntColumn_({nullable: false})
    distributionCount!: number

    /**
     * Deepest depth reached.
     */
    @IntColumn_({nullable: false})
    maxDepth!: number

    /**
     * Block number of the event.
     */
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of the event (UTC).
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the transaction that emitted the event.
     */
    @StringColumn_({nullable: false})
    txHash!: string

    /**
     * Where the net amount went: one row per asset reached, per path, post-order.
     */
    @OneToMany_(() => RevenueDistribution, e => e.payment)
    distributions!: RevenueDistribution[]
}
