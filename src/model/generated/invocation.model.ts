import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, BigIntColumn as BigIntColumn_, ManyToOne as ManyToOne_, BytesColumn as BytesColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Asset} from "./asset.model"
import {Account} from "./account.model"
import {License} from "./license.model"
import {Payment} from "./payment.model"

/**
 * A pay-per-call invocation (Invoked).
 */
@Index_(["block", "id"], {unique: false})
@Entity_()
export class Invocation {
    constructor(props?: Partial<Invocation>) {
        Object.assign(this, props)
    }

    /**
     * Invocation id (decimal), from 1.
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
     * The asset invoked.
     */
    @Index_()
    @ManyToOne_(() => Asset, {nullable: true})
    asset!: Asset

    /**
     * Who called (the license holder).
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    caller!: Account

    /**
     * The license used.
     */
    @Index_()
    @ManyToOne_(() => License, {nullable: true})
    license!: License

    /**
     * Units of use billed (uint32 on chain: up to 4 294 967 295, beyond GraphQL Int, so BigInt).
     */
    @BigIntColumn_({nullable: false})
    units!: bigint

    /**
     * units * pricePerCall (wei).
     */
    @BigIntColumn_({nullable: false})
    fee!: bigint

    /**
     * Request hash (bytes32) given by the caller.
     */
    @BytesColumn_({nullable: false})
    requestHash!: Uint8Array

    /**
     * The payment, null when the fee is 0.
     */
    @Index_()
    @ManyToOne_(() => Payment, {nullable: true})
    payment!: Payment | undefined | null

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
