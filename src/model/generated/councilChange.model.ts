import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * Council membership change (CouncilMemberAdded / CouncilMemberRemoved).
 */
@Entity_()
export class CouncilChange {
    constructor(props?: Partial<CouncilChange>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The member added or removed.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    member!: Account

    /**
     * True when added, false when removed.
     */
    @BooleanColumn_({nullable: false})
    added!: boolean

    /**
     * Council size after the change.
     */
    @IntColumn_({nullable: false})
    councilSize!: number

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
