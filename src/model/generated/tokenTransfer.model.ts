import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * SAHARA ERC-20 transfer (mint included).
 */
@Index_(["block", "id"], {unique: false})
@Entity_()
export class TokenTransfer {
    constructor(props?: Partial<TokenTransfer>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Sender (lower-case address); the zero address on mint.
     */
    @Index_()
    @StringColumn_({nullable: false})
    from!: string

    /**
     * Recipient (lower-case address); the zero address on burn.
     */
    @Index_()
    @StringColumn_({nullable: false})
    to!: string

    /**
     * Amount (wei).
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
