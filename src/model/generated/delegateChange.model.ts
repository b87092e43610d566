import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * Delegation change (DelegateChanged).
 */
@Entity_()
export class DelegateChange {
    constructor(props?: Partial<DelegateChange>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The account delegating its votes.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    delegator!: Account

    /**
     * Previous delegate (lower-case address; zero if none).
     */
    @StringColumn_({nullable: false})
    fromDelegate!: string

    /**
     * New delegate (lower-case address).
     */
    @StringColumn_({nullable: false})
    toDelegate!: string

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
