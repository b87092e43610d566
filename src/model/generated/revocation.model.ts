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

    @PrimaryColumn_()
    id!: string

    /**
     * `receipt` or `license`.
     */
    @StringColumn_({nullable: false})
    target!: string

    @Index_()
    @ManyToOne_(() => Receipt, {nullable: true})
    receipt!: Receipt | undefined | null

    @Index_()
    @ManyToOne_(() => License, {nullable: true})
    license!: License | undefined | null

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}
