import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Proposal} from "./proposal.model"
import {Account} from "./account.model"
import {Support} from "./_support"

/**
 * A vote (VoteCast).
 */
@Index_(["block", "id"], {unique: false})
@Entity_()
export class Vote {
    constructor(props?: Partial<Vote>) {
        Object.assign(this, props)
    }

    /**
     * `<proposalId>-<voter>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The proposal voted on.
     */
    @Index_()
    @ManyToOne_(() => Proposal, {nullable: true})
    proposal!: Proposal

    /**
     * Who voted.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    voter!: Account

    /**
     * NO, YES, ABSTAIN or VETO.
     */
    @Column_("varchar", {length: 7, nullable: false})
    support!: Support

    /**
     * Vote weight: token votes at snapshot (wei), or 1 for a council member on the council track.
     */
    @BigIntColumn_({nullable: false})
    weight!: bigint

    /**
     * Display-safe vote reason.
     */
    @StringColumn_({nullable: false})
    reason!: string

    /**
     * Exact reason bytes as emitted.
     */
    @BytesColumn_({nullable: false})
    reasonRaw!: Uint8Array

    /**
     * True if `reason` was cut for display.
     */
    @BooleanColumn_({nullable: false})
    reasonTruncated!: boolean

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
