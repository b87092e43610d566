import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"

/**
 * Protocol-wide current state and running totals (one row, id `sahara`).
 */
@Entity_()
export class Protocol {
    constructor(props?: Partial<Protocol>) {
        Object.assign(this, props)
    }

    /**
     * Always `sahara`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Current protocol fee in bps (RevenueVault.protocolFeeBps).
     */
    @IntColumn_({nullable: false})
    protocolFeeBps!: number

    /**
     * Governance: blocks between proposal creation and the snapshot.
     */
    @BigIntColumn_({nullable: false})
    votingDelay!: bigint

    /**
     * Governance: length of the voting window in blocks.
     */
    @BigIntColumn_({nullable: false})
    votingPeriod!: bigint

    /**
     * Governance: votes (wei) a DAO proposer needs one block before proposing.
     */
    @BigIntColumn_({nullable: false})
    proposalThreshold!: bigint

    /**
     * Governance: DAO quorum, bps of total supply at snapshot.
     */
    @IntColumn_({nullable: false})
    quorumBps!: number

    /**
     * Governance: DAO pass threshold, bps of yes+no+veto.
     */
    @IntColumn_({nullable: false})
    thresholdBps!: number

    /**
     * Governance: veto threshold, bps (of votes cast on DAO, of total supply on COUNCIL).
     */
    @IntColumn_({nullable: false})
    vetoBps!: number

    /**
     * Governance: council approval, bps of council size at creation.
     */
    @IntColumn_({nullable: false})
    councilApprovalBps!: number

    /**
     * Current number of council members.
     */
    @IntColumn_({nullable: false})
    councilSize!: number

    /**
     * SAHARA total supply (wei), from mint and burn transfers.
     */
    @BigIntColumn_({nullable: false})
    totalSupply!: bigint

    /**
     * Treasury SAHARA balance (wei), from every token transfer in and out.
     */
    @BigIntColumn_({nullable: false})
    treasuryBalance!: bigint

    /**
     * Number of registered assets.
     */
    @IntColumn_({nullable: false})
    assetCount!: number

    /**
     * Number of issued receipts.
     */
    @IntColumn_({nullable: false})
    receiptCount!: number

    /**
     * Number of license terms.
     */
    @IntColumn_({nullable: false})
    termsCount!: number

    /**
     * Number of licenses issued.
     */
    @IntColumn_({nullable: false})
    licenseCount!: number

    /**
     * Number of invocations.
     */
    @IntColumn_({nullable: false})
    invocationCount!: number

    /**
     * Number of payments routed through the vault.
     */
    @IntColumn_({nullable: false})
    paymentCount!: number

    /**
     * Number of proposals.
     */
    @IntColumn_({nullable: false})
    proposalCount!: number

    /**
     * Sum of all payments (wei), before fees.
     */
    @BigIntColumn_({nullable: false})
    grossPayments!: bigint

    /**
     * Sum of all protocol fees (wei).
     */
    @BigIntColumn_({nullable: false})
    protocolFees!: bigint

    /**
     * Sum of owner parts credited (wei).
     */
    @BigIntColumn_({nullable: false})
    ownerRevenue!: bigint

    /**
     * Sum of contributor pools credited (wei).
     */
    @BigIntColumn_({nullable: false})
    contributorRevenue!: bigint

    /**
     * Owner claims paid out (wei).
     */
    @BigIntColumn_({nullable: false})
    ownerClaimed!: bigint

    /**
     * Receipt claims paid out (wei).
     */
    @BigIntColumn_({nullable: false})
    receiptClaimed!: bigint

    /**
     * Block of the last change.
     */
    @IntColumn_({nullable: false})
    updatedAtBlock!: number
}
