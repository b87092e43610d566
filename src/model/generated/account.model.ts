import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, Index as Index_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {Receipt} from "./receipt.model"
import {License} from "./license.model"

/**
 * An address that appears in the protocol: owner, contributor, licensee, caller, voter or delegate.
 */
@Entity_()
export class Account {
    constructor(props?: Partial<Account>) {
        Object.assign(this, props)
    }

    /**
     * Lower-case 0x address.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * SAHARA balance (wei).
     */
    @BigIntColumn_({nullable: false})
    balance!: bigint

    /**
     * Address this account delegates its votes to (lower-case; null if never delegated).
     */
    @StringColumn_({nullable: true})
    delegate!: string | undefined | null

    /**
     * Current voting power (wei) delegated to this account (DelegateVotesChanged).
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    votes!: bigint

    /**
     * Whether the account is on the Foundation council now.
     */
    @BooleanColumn_({nullable: false})
    isCouncilMember!: boolean

    /**
     * Assets currently owned.
     */
    @IntColumn_({nullable: false})
    assetCount!: number

    /**
     * Owner parts credited to this account (wei), over all time (RevenueDistributed.toOwner).
     */
    @BigIntColumn_({nullable: false})
    ownerEarned!: bigint

    /**
     * Owner parts withdrawn (wei) through claimOwner.
     */
    @BigIntColumn_({nullable: false})
    ownerClaimed!: bigint

    /**
     * Owner parts not yet withdrawn (wei); equals RevenueVault.ownerClaimable(account).
     */
    @BigIntColumn_({nullable: false})
    ownerClaimable!: bigint

    /**
     * Receipts ever issued to this account.
     */
    @IntColumn_({nullable: false})
    receiptCount!: number

    /**
     * Receipt amounts withdrawn (wei) through claimReceipts.
     */
    @BigIntColumn_({nullable: false})
    receiptClaimed!: bigint

    /**
     * Licenses currently held.
     */
    @IntColumn_({nullable: false})
    licenseCount!: number

    /**
     * Payments made by this account (wei, before fees).
     */
    @BigIntColumn_({nullable: false})
    spent!: bigint

    /**
     * Invocations made.
     */
    @IntColumn_({nullable: false})
    invocationCount!: number

    /**
     * Votes cast.
     */
    @IntColumn_({nullable: false})
    voteCount!: number

    /**
     * Block where the account first appeared.
     */
    @IntColumn_({nullable: false})
    firstSeenBlock!: number

    /**
     * Assets this account owns now.
     */
    @OneToMany_(() => Asset, e => e.owner)
    assets!: Asset[]

    /**
     * Receipts issued to this account.
     */
    @OneToMany_(() => Receipt, e => e.contributor)
    receipts!: Receipt[]

    /**
     * Licenses this account holds now.
     */
    @OneToMany_(() => License, e => e.holder)
    licenses!: License[]
}
