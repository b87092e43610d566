import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * SAHARA ERC-20 allowance set (Approval).
 */
@Entity_()
export class TokenApproval {
    constructor(props?: Partial<TokenApproval>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Token owner (lower-case address).
     */
    @Index_()
    @StringColumn_({nullable: false})
    owner!: string

    /**
     * Approved spender (lower-case address).
     */
    @StringColumn_({nullable: false})
    spender!: string

    /**
     * Allowance set (wei).
     */
    @BigIntColumn_({nullable: false})
    amount!: bigint

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
