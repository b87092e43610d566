import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A protocol parameter change: protocol fee (ProtocolFeeUpdated) or governance parameters (GovernanceParamsSet).
 */
@Entity_()
export class ParamChange {
    constructor(props?: Partial<ParamChange>) {
        Object.assign(this, props)
    }

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

    @IntColumn_({nullable: true})
    newFeeBps!: number | undefined | null

    /**
     * GovernanceParamsSet values.
     */
    @BigIntColumn_({nullable: true})
    votingDelay!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    votingPeriod!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    proposalThreshold!: bigint | undefined | null

    @IntColumn_({nullable: true})
    quorumBps!: number | undefined | null

    @IntColumn_({nullable: true})
    thresholdBps!: number | undefined | null

    @IntColumn_({nullable: true})
    vetoBps!: number | undefined | null

    @IntColumn_({nullable: true})
    councilApprovalBps!: number | undefined | null

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}
