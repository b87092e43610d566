import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {TreasuryFlowKind} from "./_treasuryFlowKind"
import {Payment} from "./payment.model"
import {Asset} from "./asset.model"
import {PaymentSource} from "./_paymentSource"
import {Proposal} from "./proposal.model"
import {SpendCategory} from "./_spendCategory"

/**
 * A movement of the treasury's SAHARA balance.
 */
@Index_(["kind", "timestamp"], {unique: false})
@Entity_()
export class TreasuryFlow {
    constructor(props?: Partial<TreasuryFlow>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the token transfer (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Kind of movement (direction included).
     */
    @Column_("varchar", {length: 12, nullable: false})
    kind!: TreasuryFlowKind

    /**
     * Amount (wei), always positive; the kind says the direction.
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

    /**
     * Counterparty: payer of a deposit or transfer in, recipient of a disbursement or transfer out, the vault for fees.
     */
    @StringColumn_({nullable: false})
    counterparty!: string

    /**
     * The payment whose fee this is (FEE).
     */
    @Index_()
    @ManyToOne_(() => Payment, {nullable: true})
    payment!: Payment | undefined | null

    /**
     * The asset paid (FEE).
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset | undefined | null

    /**
     * The payment source (FEE).
     */
    @Column_("varchar", {length: 10, nullable: true})
    source!: PaymentSource | undefined | null

    /**
     * The executing proposal (DISBURSEMENT).
     */
    @Index_()
    @ManyToOne_(() => Proposal, {nullable: true})
    proposal!: Proposal | undefined | null

    /**
     * Spending category (DISBURSEMENT only).
     */
    @Column_("varchar", {length: 10, nullable: true})
    category!: SpendCategory | undefined | null

    /**
     * Display-safe memo; null for kinds without a memo.
     */
    @StringColumn_({nullable: true})
    memo!: string | undefined | null

    /**
     * Exact memo bytes as emitted; null for kinds without a memo.
     */
    @BytesColumn_({nullable: true})
    memoRaw!: Uint8Array | undefined | null

    /**
     * True if `memo` was cut for display; null for kinds without a memo.
     */
    @BooleanColumn_({nullable: true})
    memoTruncated!: boolean | undefined | null

    /**
     * Treasury balance after this flow (wei).
     */
    @BigIntColumn_({nullable: false})
    balanceAfter!: bigint

    /**
     * Block number of the event.
     */
    @Index_()
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
