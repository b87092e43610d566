import {Store} from '@subsquid/typeorm-store'
import {
    Account,
    Asset,
    AssetDayData,
    AssetLink,
    AssetStatusChange,
    AssetTransfer,
    AssetVersion,
    CallerDayData,
    ContributorShareChange,
    CouncilChange,
    DelegateChange,
    Invocation,
    License,
    LicenseTerms,
    LicenseTransfer,
    NftApproval,
    OwnerClaim,
    ParamChange,
    Payment,
    Proposal,
    Protocol,
    Receipt,
    ReceiptClaim,
    RevenueDistribution,
    Revocation,
    SkippedLog,
    RoyaltyDepthDayData,
    TokenApproval,
    TokenTransfer,
    TreasuryDayData,
    TreasuryFlow,
    Vote,
    VotingPowerChange,
} from '../model'
import {DeploymentManifest} from '../config/manifest'
import {EntityCache, EventRows} from '../store/entity-cache'
import {HISTORY_ENTITIES, type HistoryLog} from '../store/history'
import type {Meta} from './decode'

export const PROTOCOL_ID = 'sahara'
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

/**
 * Everything one batch reads and writes. Created per batch (no state survives between
 * batches in memory: after a restart or a reorg rollback the database is the only truth).
 */
export class BatchState {
    readonly protocol = new EntityCache(Protocol)
    readonly accounts = new EntityCache(Account)
    readonly assets = new EntityCache(Asset)
    readonly terms = new EntityCache(LicenseTerms)
    readonly payments = new EntityCache(Payment)
    readonly licenses = new EntityCache(License)
    readonly receipts = new EntityCache(Receipt)
    readonly proposals = new EntityCache(Proposal)
    readonly assetDays = new EntityCache(AssetDayData)
    readonly treasuryDays = new EntityCache(TreasuryDayData)
    readonly callerDays = new EntityCache(CallerDayData)
    readonly royaltyDepthDays = new EntityCache(RoyaltyDepthDayData)

    readonly versions = new EventRows(AssetVersion)
    readonly links = new EventRows(AssetLink)
    readonly assetTransfers = new EventRows(AssetTransfer)
    readonly statusChanges = new EventRows(AssetStatusChange)
    readonly shareChanges = new EventRows(ContributorShareChange)
    readonly licenseTransfers = new EventRows(LicenseTransfer)
    readonly invocations = new EventRows(Invocation)
    readonly distributions = new EventRows(RevenueDistribution)
    readonly ownerClaims = new EventRows(OwnerClaim)
    readonly receiptClaims = new EventRows(ReceiptClaim)
    readonly treasuryFlows = new EventRows(TreasuryFlow)
    readonly tokenTransfers = new EventRows(TokenTransfer)
    readonly tokenApprovals = new EventRows(TokenApproval)
    readonly nftApprovals = new EventRows(NftApproval)
    readonly delegateChanges = new EventRows(DelegateChange)
    readonly votingPowerChanges = new EventRows(VotingPowerChange)
    readonly votes = new EventRows(Vote)
    readonly councilChanges = new EventRows(CouncilChange)
    readonly paramChanges = new EventRows(ParamChange)
    readonly revocations = new EventRows(Revocation)
    /** Protocol logs not applied (malformed, out of the SPEC's ranges, unmatched): kept, never dropped silently. */
    readonly skipped = new EventRows(SkippedLog)

    /** Treasury token transfers of the current transaction, waiting for their treasury event. */
    pendingTreasuryTransfer?: {flow: TreasuryFlow; logIndex: number; txHash: string}
    /** FEE flows by payment id, to fill in the payment's asset and source when it is emitted. */
    readonly feeFlows = new Map<string, TreasuryFlow>()

    readonly treasury: string
    readonly vault: string

    /**
     * @param bulkWrites write each class with one unnest statement (src/store/bulk-write.ts)
     *   instead of typeorm-store's query builder (BULK_WRITES; same rows either way).
     */
    constructor(
        readonly manifest: DeploymentManifest,
        readonly bulkWrites = true,
    ) {
        this.treasury = manifest.contracts.Treasury.toLowerCase()
        this.vault = manifest.contracts.RevenueVault.toLowerCase()
    }

    /** Loads every row the decoded events declared (one query per class). */
    async load(store: Store): Promise<void> {
        this.protocol.want(PROTOCOL_ID)
        for (const c of this.stateCaches()) await c.load(store)
    }

    /** The protocol row; created with the SPEC defaults before the deployment events arrive. */
    proto(meta: Meta): Protocol {
        const p = this.protocol.getOrCreate(PROTOCOL_ID, () => newProtocol(meta.block))
        p.updatedAtBlock = meta.block
        return p
    }

    account(address: string, meta: Meta): Account {
        const id = address.toLowerCase()
        return this.accounts.getOrCreate(id, () => newAccount(id, meta.block))
    }

    /** Records a log that is not applied, with the reason (nothing else of it is written). */
    skip(where: Pick<Meta, 'id' | 'block' | 'timestamp' | 'txHash' | 'address'>, kind: string | null, reason: string): void {
        this.skipped.push(
            new SkippedLog({
                id: where.id,
                address: where.address.toLowerCase(),
                kind,
                reason: reason.replace(/\u0000/g, '').slice(0, 1000),
                block: where.block,
                timestamp: where.timestamp,
                txHash: where.txHash,
            }),
        )
    }

    /** Writes every class once, in foreign-key order. */
    async flush(store: Store): Promise<void> {
        for (const c of this.stateCaches()) await c.flush(store, this.bulkWrites)
        for (const rows of [
            this.versions,
            this.links,
            this.assetTransfers,
            this.statusChanges,
            this.shareChanges,
            this.licenseTransfers,
            this.invocations,
            this.distributions,
            this.ownerClaims,
            this.receiptClaims,
            this.treasuryFlows,
            this.tokenTransfers,
            this.tokenApprovals,
            this.nftApprovals,
            this.delegateChanges,
            this.votingPowerChanges,
            this.votes,
            this.councilChanges,
            this.paramChanges,
            this.revocations,
            this.skipped,
        ] as EventRows<any>[]) {
            await rows.flush(store, this.bulkWrites)
        }
    }

    /** Hands `history` the versions, as of the end of `block`, of the history classes' rows changed since the last call. */
    recordHistory(history: HistoryLog, block: number): void {
        for (const c of this.stateCaches()) {
            const changed = c.takeBlockChanges()
            if (HISTORY_ENTITIES.includes(c.cls)) history.record(c.cls, changed, block)
        }
    }

    /** State classes in foreign-key order. */
    private stateCaches(): EntityCache<any>[] {
        return [
            this.protocol,
            this.accounts,
            this.assets,
            this.terms,
            this.payments,
            this.licenses,
            this.receipts,
            this.proposals,
            this.assetDays,
            this.treasuryDays,
            this.callerDays,
            this.royaltyDepthDays,
        ]
    }
}

export function newProtocol(block: number): Protocol {
    return new Protocol({
        id: PROTOCOL_ID,
        protocolFeeBps: 0,
        votingDelay: 0n,
        votingPeriod: 0n,
        proposalThreshold: 0n,
        quorumBps: 0,
        thresholdBps: 0,
        vetoBps: 0,
        councilApprovalBps: 0,
        councilSize: 0,
        totalSupply: 0n,
        treasuryBalance: 0n,
        assetCount: 0,
        receiptCount: 0,
        termsCount: 0,
        licenseCount: 0,
        invocationCount: 0,
        paymentCount: 0,
        proposalCount: 0,
        grossPayments: 0n,
        protocolFees: 0n,
        ownerRevenue: 0n,
        contributorRevenue: 0n,
        ownerClaimed: 0n,
        receiptClaimed: 0n,
        updatedAtBlock: block,
    })
}

export function newAccount(id: string, block: number): Account {
    return new Account({
        id,
        balance: 0n,
        delegate: null,
        votes: 0n,
        isCouncilMember: false,
        assetCount: 0,
        ownerEarned: 0n,
        ownerClaimed: 0n,
        ownerClaimable: 0n,
        receiptCount: 0,
        receiptClaimed: 0n,
        licenseCount: 0,
        spent: 0n,
        invocationCount: 0,
        voteCount: 0,
        firstSeenBlock: block,
    })
}

/** Columns every event row carries. */
export function at(meta: Meta) {
    return {block: meta.block, timestamp: meta.timestamp, txHash: meta.txHash}
}
