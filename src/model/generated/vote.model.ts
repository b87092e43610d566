import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, BytesColumn as BytesColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Proposal} from "./proposal.model"
import {Account} from "./account.model"
import {Support} from "./_support"

/**
 * A vote (VoteCast).
 */
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

    @Index_()
    @ManyToOne_(() => Proposal, {nullable: true})
    proposal!: Proposal

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    voter!: Account

    @Column_("varchar", {length: 7, nullable: false})
    support!: Support

    /**
     * Vote weight: token votes at snapshot (wei), or 1 for a council member on the council track.
     */
    @BigIntColumn_({nullable: false})
    weight!: bigint

    @StringColumn_({nullable: false})
    reason!: string

    @BytesColumn_({nullable: false})
    reasonRaw!: Uint8Array

    @BooleanColumn_({nullable: false})
    reasonTruncated!: boolean

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}
