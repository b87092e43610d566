import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_, OneToMany as OneToMany_, OneToOne as OneToOne_} from "@subsquid/typeorm-store"
import {LicenseTerms} from "./licenseTerms.model"
import {Asset} from "./asset.model"
import {Account} from "./account.model"
import {Payment} from "./payment.model"
import {LicenseTransfer} from "./licenseTransfer.model"
import {LicenseValidity} from "./licenseValidity.model"

/**
 * A License NFT: an access right bought under immutable terms (LicenseIssued); transferable.
 */
@Entity_()
export class License {
    constructor(props?: Partial<License>) {
        Object.assign(this, props)
    }

    /**
     * License id (decimal), from 1.
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
     * The immutable terms bought.
     */
    @Index_()
    @ManyToOne_(() => LicenseTerms, {nullable: true})
    terms!: LicenseTerms

    /**
     * The asset licensed.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * Who the license was issued to.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    licensee!: Account

    /**
     * Current holder of the License NFT.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    holder!: Account

    /**
     * Expiry as a unix timestamp (seconds); 0 = perpetual. Valid while not revoked and now < expiresAt.
     */
    @BigIntColumn_({nullable: false})
    expiresAt!: bigint

    /**
     * Whether the asset owner revoked it.
     */
    @BooleanColumn_({nullable: false})
    revoked!: boolean

    /**
     * Block number of revocation; null while not revoked.
     */
    @IntColumn_({nullable: true})
    revokedAtBlock!: number | undefined | null

    /**
     * Price paid at purchase (wei).
     */
    @BigIntColumn_({nullable: false})
    pricePaid!: bigint

    /**
     * The purchase payment, null when free.
     */
    @Index_()
    @ManyToOne_(() => Payment, {nullable: true})
    payment!: Payment | undefined | null

    /**
     * Invocations made under this license.
     */
    @IntColumn_({nullable: false})
    invocationCount!: number

    /**
     * Sum of invocation fees paid under this license (wei).
     */
    @BigIntColumn_({nullable: false})
    invocationFees!: bigint

    /**
     * Block number of purchase.
     */
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of purchase (UTC).
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the purchase transaction.
     */
    @StringColumn_({nullable: false})
    txHash!: string

    /**
     * License NFT transfers, mint included.
     */
    @OneToMany_(() => LicenseTransfer, e => e.license)
    transfers!: LicenseTransfer[]

    /**
     * Whether the license is valid at the indexed head's block time (LicenseRegistry.isValid at that block); with `asOfBlock`, at that block's time.
     */
    @OneToOne_(() => LicenseValidity, e => e.license)
    validity!: LicenseValidity | undefined | null
}
