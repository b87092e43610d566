import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, ManyToOne as ManyToOne_, BytesColumn as BytesColumn_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
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

    /**
     * The id as a number, for numeric order and ranges (`id` sorts as text: 1, 10, 2): `orderBy: number_ASC`, `where: {number_gt: ...}`.
     */
    @Index_()
    @BigIntColumn_({nullable: false})
    number!: bigint

    /**
     * COUNCIL or DAO.
     */
    @Index_()
    @Column_("varchar", {length: 7, nullable: false})
    track!: Track

    /**
     * Who proposed.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    proposer!: Account

    /**
     * Votes are weighed at this block (getPastVotes). (uint64 on chain: a large votingDelay/votingPeriod puts it beyond GraphQL Int, so BigInt.)
     */
    @BigIntColumn_({nullable: false})
    snapshotBlock!: bigint

    /**
     * First block where votes are accepted (snapshotBlock + 1). (uint64 on chain: a large votingDelay/votingPeriod puts it beyond GraphQL Int, so BigInt.)
     */
    @BigIntColumn_({nullable: false})
    voteStartBlock!: bigint

    /**
     * Last block where votes are accepted; the outcome is computed after it. (uint64 on chain: a large votingDelay/votingPeriod puts it beyond GraphQL Int, so BigInt.)
     */
    @BigIntColumn_({nullable: false})
    voteEndBlock!: bigint

    /**
     * keccak256(abi.encode(targets, values, calldatas)).
     */
    @BytesColumn_({nullable: false})
    actionsHash!: Uint8Array

    /**
     * Display-safe description.
     */
    @StringColumn_({nullable: false})
    description!: string

    /**
     * Exact description bytes as emitted.
     */
    @BytesColumn_({nullable: false})
    descriptionRaw!: Uint8Array

    /**
     * True if `description` was cut for display.
     */
    @BooleanColumn_({nullable: false})
    descriptionTruncated!: boolean

    /**
     * State at the indexed head (with `asOfBlock`: at that block), as `state()` computes it.
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

    /**
     * DAO pass threshold in force at creation, bps of yes + no + veto.
     */
    @IntColumn_({nullable: false})
    thresholdBps!: number

    /**
     * Veto threshold in force at creation, bps (of votes cast on DAO, of total supply on COUNCIL).
     */
    @IntColumn_({nullable: false})
    vetoBps!: number

    /**
     * Council approval in force at creation, bps of the council size at creation.
     */
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

    /**
     * Tally: ABSTAIN weight (DAO track only).
     */
    @BigIntColumn_({nullable: false})
    abstain!: bigint

    /**
     * Tally: VETO weight (token votes).
     */
    @BigIntColumn_({nullable: false})
    veto!: bigint

    /**
     * Number of votes cast (zero-weight votes included).
     */
    @IntColumn_({nullable: false})
    voterCount!: number

    /**
     * Whether the proposer canceled it.
     */
    @BooleanColumn_({nullable: false})
    canceled!: boolean

    /**
     * Whether it was executed.
     */
    @BooleanColumn_({nullable: false})
    executed!: boolean

    /**
     * Block number of creation.
     */
    @IntColumn_({nullable: false})
    createdAtBlock!: number

    /**
     * Block time of creation (UTC).
     */
    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    /**
     * Block of cancellation; null if not canceled.
     */
    @IntColumn_({nullable: true})
    canceledAtBlock!: number | undefined | null

    /**
     * Block of execution; null if not executed.
     */
    @IntColumn_({nullable: true})
    executedAtBlock!: number | undefined | null

    /**
     * Block time of execution (UTC); null if not executed.
     */
    @DateTimeColumn_({nullable: true})
    executedAt!: Date | undefined | null

    /**
     * Sum of treasury disbursements made by this proposal's execution (wei).
     */
    @BigIntColumn_({nullable: false})
    disbursed!: bigint

    /**
     * Hash of the proposing transaction.
     */
    @StringColumn_({nullable: false})
    txHash!: string

    /**
     * Votes cast.
     */
    @OneToMany_(() => Vote, e => e.proposal)
    votes!: Vote[]

    /**
     * Treasury disbursements made by its execution.
     */
    @OneToMany_(() => TreasuryFlow, e => e.proposal)
    disbursements!: TreasuryFlow[]
}
