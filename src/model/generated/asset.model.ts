import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, StringColumn as StringColumn_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {AssetKind} from "./_assetKind"
import {AssetStatus} from "./_assetStatus"
import {Account} from "./account.model"
import {AssetVersion} from "./assetVersion.model"
import {AssetLink} from "./assetLink.model"
import {Receipt} from "./receipt.model"
import {LicenseTerms} from "./licenseTerms.model"
import {AssetTransfer} from "./assetTransfer.model"
import {AssetStatusChange} from "./assetStatusChange.model"
import {RevenueDistribution} from "./revenueDistribution.model"
import {AssetDayData} from "./assetDayData.model"

/**
 * An AI asset (Ownership NFT of AssetRegistry), with its current state and running totals.
 */
@Entity_()
export class Asset {
    constructor(props?: Partial<Asset>) {
        Object.assign(this, props)
    }

    /**
     * Asset id (decimal), from 1.
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
     * Kind of asset (DATASET, MODEL, AGENT, PIPELINE).
     */
    @Index_()
    @Column_("varchar", {length: 8, nullable: false})
    kind!: AssetKind

    /**
     * Current status; only ACTIVE assets can be licensed or invoked.
     */
    @Column_("varchar", {length: 7, nullable: false})
    status!: AssetStatus

    /**
     * Current holder of the Ownership NFT.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    owner!: Account

    /**
     * Account that registered the asset.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    creator!: Account

    /**
     * Current version (1 at registration, +1 per update).
     */
    @IntColumn_({nullable: false})
    version!: number

    /**
     * Display-safe uri of the current version.
     */
    @StringColumn_({nullable: false})
    uri!: string

    /**
     * Exact uri bytes of the current version.
     */
    @BytesColumn_({nullable: false})
    uriRaw!: Uint8Array

    /**
     * True if `uri` was cut for display.
     */
    @BooleanColumn_({nullable: false})
    uriTruncated!: boolean

    /**
     * Content hash of the current version.
     */
    @BytesColumn_({nullable: false})
    contentHash!: Uint8Array

    /**
     * Share of net revenue for contributors, bps.
     */
    @IntColumn_({nullable: false})
    contributorBps!: number

    /**
     * Sum of the parents' upstream shares, bps.
     */
    @IntColumn_({nullable: false})
    upstreamBpsSum!: number

    /**
     * Number of parents (at most 8).
     */
    @IntColumn_({nullable: false})
    parentCount!: number

    /**
     * Number of direct children.
     */
    @IntColumn_({nullable: false})
    childCount!: number

    /**
     * Sum of weights of active receipts (ContributionReceipts.totalWeight).
     */
    @BigIntColumn_({nullable: false})
    totalWeight!: bigint

    /**
     * Revenue accumulator per unit of weight, scaled by 1e18 (RevenueVault.accRevenuePerWeight).
     */
    @BigIntColumn_({nullable: false})
    accRevenuePerWeight!: bigint

    /**
     * Receipts ever issued on this asset.
     */
    @IntColumn_({nullable: false})
    receiptCount!: number

    /**
     * Receipts not revoked.
     */
    @IntColumn_({nullable: false})
    activeReceiptCount!: number

    /**
     * License terms created.
     */
    @IntColumn_({nullable: false})
    termsCount!: number

    /**
     * Licenses sold.
     */
    @IntColumn_({nullable: false})
    licenseCount!: number

    /**
     * Invocations.
     */
    @IntColumn_({nullable: false})
    invocationCount!: number

    /**
     * Payments made directly to this asset.
     */
    @IntColumn_({nullable: false})
    paymentCount!: number

    /**
     * Sum of direct payments (wei, before fee).
     */
    @BigIntColumn_({nullable: false})
    grossRevenue!: bigint

    /**
     * Protocol fees taken from direct payments (wei).
     */
    @BigIntColumn_({nullable: false})
    protocolFees!: bigint

    /**
     * Net amounts reaching this asset at depth 0 (wei): direct revenue after fee.
     */
    @BigIntColumn_({nullable: false})
    directRevenue!: bigint

    /**
     * Amounts reaching this asset from descendants at depth > 0 (wei): upstream royalties received.
     */
    @BigIntColumn_({nullable: false})
    upstreamRevenue!: bigint

    /**
     * Owner parts credited (wei).
     */
    @BigIntColumn_({nullable: false})
    ownerRevenue!: bigint

    /**
     * Contributor pools credited (wei).
     */
    @BigIntColumn_({nullable: false})
    contributorRevenue!: bigint

    /**
     * Amounts passed on to parents (wei).
     */
    @BigIntColumn_({nullable: false})
    sentUpstream!: bigint

    /**
     * Number of RevenueDistributed events of this asset.
     */
    @IntColumn_({nullable: false})
    distributionCount!: number

    /**
     * Block of registration.
     */
    @IntColumn_({nullable: false})
    createdAtBlock!: number

    /**
     * Block time of creation (UTC).
     */
    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    /**
     * Block of the last change to this row.
     */
    @IntColumn_({nullable: false})
    updatedAtBlock!: number

    /**
     * Every published version, from 1.
     */
    @OneToMany_(() => AssetVersion, e => e.asset)
    versions!: AssetVersion[]

    /**
     * Lineage edges to the assets this one derives from (revenue flows to them).
     */
    @OneToMany_(() => AssetLink, e => e.child)
    parents!: AssetLink[]

    /**
     * Lineage edges from assets derived from this one (revenue flows from them).
     */
    @OneToMany_(() => AssetLink, e => e.parent)
    children!: AssetLink[]

    /**
     * Contribution receipts on this asset.
     */
    @OneToMany_(() => Receipt, e => e.asset)
    receipts!: Receipt[]

    /**
     * License terms offered for this asset.
     */
    @OneToMany_(() => LicenseTerms, e => e.asset)
    terms!: LicenseTerms[]

    /**
     * Ownership NFT transfers, mint included.
     */
    @OneToMany_(() => AssetTransfer, e => e.asset)
    transfers!: AssetTransfer[]

    /**
     * Status history.
     */
    @OneToMany_(() => AssetStatusChange, e => e.asset)
    statusChanges!: AssetStatusChange[]

    /**
     * Every time a payment reached this asset (directly or from a descendant).
     */
    @OneToMany_(() => RevenueDistribution, e => e.asset)
    distributions!: RevenueDistribution[]

    /**
     * Per-day totals.
     */
    @OneToMany_(() => AssetDayData, e => e.asset)
    days!: AssetDayData[]
}
