import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {License} from "./license.model"

/**
 * License NFT transfer (ERC-721 Transfer of LicenseRegistry, mint included).
 */
@Entity_()
export class LicenseTransfer {
    constructor(props?: Partial<LicenseTransfer>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The license that moved.
     */
    @Index_()
    @ManyToOne_(() => License, {nullable: true})
    license!: License

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
