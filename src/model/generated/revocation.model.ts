import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Receipt} from "./receipt.model"
import {License} from "./license.model"

/**
 * A revocation event (ReceiptRevoked or LicenseRevoked), kept as history.
 */
@Entity_()
export class Revocation {
    constructor(props?: Partial<Revocation>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * `receipt` or `license`.
     */
    @StringColumn_({nullable: false})
    target!: string

    /**
     * The receipt revoked (target `receipt`).
     */
    @Index_()
    @ManyToOne_(() => Receipt, {nullable: true})
    receipt!: Receipt | undefined | null

    /**
     * The license revoked (target `license`).
     */
    @Index_()
    @ManyToOne_(() => License, {nullable: true})
    license!: License | undefined | null

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
