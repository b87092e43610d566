import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_, OneToOne as OneToOne_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {Account} from "./account.model"
import {ContributionType} from "./_contributionType"
import {ReceiptClaim} from "./receiptClaim.model"
import {ReceiptAccrual} from "./receiptAccrual.model"

/**
 * A contribution receipt (soulbound ContributionNFT): an income right on its asset's contributor pool.
 */
@Entity_()
export class Receipt {
    constructor(props?: Partial<Receipt>) {
        Object.assign(this, props)
    }

    /**
     * Receipt id (decimal), from 1.
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
     * The asset whose contributor pool the receipt shares.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * The contributor (soulbound holder).
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    contributor!: Account

    /**
     * What the contributor did.
     */
    @Column_("varchar", {length: 10, nullable: false})
    contributionType!: ContributionType

    /**
     * Weight of the receipt in its asset's pool.
     */
    @BigIntColumn_({nullable: false})
    weight!: bigint

    /**
     * Evidence hash (bytes32) given at issue.
     */
    @BytesColumn_({nullable: false})
    evidence!: Uint8Array

    /**
     * The asset's accRevenuePerWeight when the receipt was issued (1e18-scaled).
     */
    @BigIntColumn_({nullable: false})
    accSnapshot!: bigint

    /**
     * Whether the receipt was revoked (its accrued amount is then frozen).
     */
    @BooleanColumn_({nullable: false})
    revoked!: boolean

    /**
     * Accrued amount frozen at revocation (wei); null while active.
     */
    @BigIntColumn_({nullable: true})
    frozenAccrued!: bigint | undefined | null

    /**
     * The asset's accRevenuePerWeight at revocation (1e18-scaled); null while active. With accSnapshot it bounds the distributions the receipt shares in: those with accBefore >= accSnapshot and accAfter <= accAtRevoke.
     */
    @BigIntColumn_({nullable: true})
    accAtRevoke!: bigint | undefined | null

    /**
     * Total withdrawn (wei).
     */
    @BigIntColumn_({nullable: false})
    claimed!: bigint

    /**
     * Block number of issue.
     */
    @IntColumn_({nullable: false})
    issuedAtBlock!: number

    /**
     * Block time of issue (UTC).
     */
    @DateTimeColumn_({nullable: false})
    issuedAt!: Date

    /**
     * Block number of revocation; null while not revoked.
     */
    @IntColumn_({nullable: true})
    revokedAtBlock!: number | undefined | null

    /**
     * Hash of the issuing transaction.
     */
    @StringColumn_({nullable: false})
    txHash!: string

    /**
     * Withdrawals of this receipt.
     */
    @OneToMany_(() => ReceiptClaim, e => e.receipt)
    claims!: ReceiptClaim[]

    /**
     * Accrued and claimable at the indexed height (RevenueVault.receiptAccrued / receiptClaimable), computed when queried from the asset's accumulator.
     */
    @OneToOne_(() => ReceiptAccrual, e => e.receipt)
    accrual!: ReceiptAccrual | undefined | null
}
