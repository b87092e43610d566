import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * Voting power change of a delegate (DelegateVotesChanged).
 */
@Index_(["delegate", "block"], {unique: false})
@Entity_()
export class VotingPowerChange {
    constructor(props?: Partial<VotingPowerChange>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The delegate whose voting power changed.
     */
    @ManyToOne_(() => Account, {nullable: true})
    delegate!: Account

    /**
     * Voting power before (wei).
     */
    @BigIntColumn_({nullable: false})
    previousVotes!: bigint

    /**
     * Voting power after (wei).
     */
    @BigIntColumn_({nullable: false})
    newVotes!: bigint

    /**
     * Block number of the event.
     */
    @Index_()
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
