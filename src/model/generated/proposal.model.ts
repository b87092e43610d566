import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, BytesColumn as BytesColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Track} from "./_track"
import {Account} from "./account.model"
import {ProposalState} from "./_proposalState"
import {Vote} from "./vote.model"
import {TreasuryFlow} from "./treasuryFlow.model"

/**
 * A governance proposal with its tally and computed state.
 */
@Entity_()
export class Proposal {
    constructor(props?: Partial<Proposal>) {
        Object.assign(this, props)
    }

    /**
     * Proposal id (decimal), from 1.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @Column_("varchar", {length: 7, nullable: false})
    track!: Track

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    proposer!: Account

    /**
     * Votes are weighed at this block (getPastVotes).
     */
    @IntColumn_({nullable: false})
    snapshotBlock!: number

    @IntColumn_({nullable: false})
    voteStartBlock!: number

    @IntColumn_({nullable: false})
    voteEndBlock!: number

    @BytesColumn_({nullable: false})
    actionsHash!: Uint8Array

    @StringColumn_({nullable: false})
    description!: string

    @BytesColumn_({nullable: false})
    descriptionRaw!: Uint8Array

    @BooleanColumn_({nullable: false})
    descriptionTruncated!: boolean

    /**
     * State at the indexed head, as `state()` computes it.
     */
    @Index_()
    @Column_("varchar", {length: 9, nullable: false})
    state!: ProposalState

    /**
     * DEFEATED, VETOED or SUCCEEDED once voting ended (kept after execution); null before.
     */
    @Column_("varchar", {length: 9, nullable: true})
    outcome!: ProposalState | undefined | null

    /**
     * Outcome parameters in force at creation (bps).
     */
    @IntColumn_({nullable: false})
    quorumBps!: number

    @IntColumn_({nullable: false})
    thresholdBps!: number

    @IntColumn_({nullable: false})
    vetoBps!: number

    @IntColumn_({nullable: false})
    councilApprovalBps!: number

    /**
     * Council size at creation.
     */
    @IntColumn_({nullable: false})
    councilSize!: number

    /**
     * SAHARA total supply at the snapshot block (wei); null until the head passes it.
     */
    @BigIntColumn_({nullable: true})
    totalSupplyAtSnapshot!: bigint | undefined | null

    /**
     * Tally: NO weight (council: member count).
     */
    @BigIntColumn_({nullable: false})
    no!: bigint

    /**
     * Tally: YES weight (council: member count).
     */
    @BigIntColumn_({nullable: false})
    yes!: bigint

    @BigIntColumn_({nullable: false})
    abstain!: bigint

    /**
     * Tally: VETO weight (token votes).
     */
    @BigIntColumn_({nullable: false})
    veto!: bigint

    @IntColumn_({nullable: false})
    voterCount!: number

    @BooleanColumn_({nullable: false})
    canceled!: boolean

    @BooleanColumn_({nullable: false})
    executed!: boolean

    @IntColumn_({nullable: false})
    createdAtBlock!: number

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    @IntColumn_({nullable: true})
    canceledAtBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    executedAtBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    executedAt!: Date | undefined | null

    /**
     * Sum of treasury disbursements made by this proposal's execution (wei).
     */
    @BigIntColumn_({nullable: false})
    disbursed!: bigint

    @StringColumn_({nullable: false})
    txHash!: string

    @OneToMany_(() => Vote, e => e.proposal)
    votes!: Vote[]

    @OneToMany_(() => TreasuryFlow, e => e.proposal)
    disbursements!: TreasuryFlow[]
}
