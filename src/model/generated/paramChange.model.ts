import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A protocol parameter change: protocol fee (ProtocolFeeUpdated) or governance parameters (GovernanceParamsSet).
 */
@Entity_()
export class ParamChange {
    constructor(props?: Partial<ParamChange>) {
        Object.assign(this, props)
    }

    /**
     * Log id of the event (chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * `protocolFeeBps` or `governance`.
     */
    @StringColumn_({nullable: false})
    name!: string

    /**
     * ProtocolFeeUpdated: old and new bps.
     */
    @IntColumn_({nullable: true})
    oldFeeBps!: number | undefined | null

    /**
     * ProtocolFeeUpdated: fee after, bps; null for governance changes.
     */
    @IntColumn_({nullable: true})
    newFeeBps!: number | undefined | null

    /**
     * GovernanceParamsSet values.
     */
    @BigIntColumn_({nullable: true})
    votingDelay!: bigint | undefined | null

    /**
     * GovernanceParamsSet: voting window in blocks; null for fee changes.
     */
    @BigIntColumn_({nullable: true})
    votingPeriod!: bigint | undefined | null

    /**
     * GovernanceParamsSet: proposer threshold (wei); null for fee changes.
     */
    @BigIntColumn_({nullable: true})
    proposalThreshold!: bigint | undefined | null

    /**
     * GovernanceParamsSet: DAO quorum, bps; null for fee changes.
     */
    @IntColumn_({nullable: true})
    quorumBps!: number | undefined | null

    /**
     * GovernanceParamsSet: DAO pass threshold, bps; null for fee changes.
     */
    @IntColumn_({nullable: true})
    thresholdBps!: number | undefined | null

    /**
     * GovernanceParamsSet: veto threshold, bps; null for fee changes.
     */
    @IntColumn_({nullable: true})
    vetoBps!: number | undefined | null

    /**
     * GovernanceParamsSet: council approval, bps; null for fee changes.
     */
    @IntColumn_({nullable: true})
    councilApprovalBps!: number | undefined | null

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
