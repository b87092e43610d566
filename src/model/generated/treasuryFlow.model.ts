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
@Entity_()
export class TreasuryFlow {
    constructor(props?: Partial<TreasuryFlow>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
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

    @Column_("varchar", {length: 10, nullable: true})
    category!: SpendCategory | undefined | null

    @StringColumn_({nullable: true})
    memo!: string | undefined | null

    @BytesColumn_({nullable: true})
    memoRaw!: Uint8Array | undefined | null

    @BooleanColumn_({nullable: true})
    memoTruncated!: boolean | undefined | null

    /**
     * Treasury balance after this flow (wei).
     */
    @BigIntColumn_({nullable: false})
    balanceAfter!: bigint

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}
