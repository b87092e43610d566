import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {NftCollection} from "./_nftCollection"

/**
 * ERC-721 approval on one of the protocol's NFT collections (Approval / ApprovalForAll).
 */
@Entity_()
export class NftApproval {
    constructor(props?: Partial<NftApproval>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Which collection (ownership, receipt or license NFTs).
     */
    @Column_("varchar", {length: 9, nullable: false})
    collection!: NftCollection

    /**
     * NFT owner (lower-case address).
     */
    @Index_()
    @StringColumn_({nullable: false})
    owner!: string

    /**
     * Approved address (Approval) or operator (ApprovalForAll).
     */
    @StringColumn_({nullable: false})
    operator!: string

    /**
     * Token id for Approval, null for ApprovalForAll.
     */
    @BigIntColumn_({nullable: true})
    tokenId!: bigint | undefined | null

    /**
     * ApprovalForAll flag; null for Approval.
     */
    @BooleanColumn_({nullable: true})
    approved!: boolean | undefined | null

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
