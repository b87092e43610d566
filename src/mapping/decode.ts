import * as AssetRegistry from '../abi/AssetRegistry'
import * as ContributionReceipts from '../abi/ContributionReceipts'
import * as DualTrackGovernor from '../abi/DualTrackGovernor'
import * as InvocationRouter from '../abi/InvocationRouter'
import * as LicenseRegistry from '../abi/LicenseRegistry'
import * as RevenueVault from '../abi/RevenueVault'
import * as SaharaToken from '../abi/SaharaToken'
import * as Treasury from '../abi/Treasury'
import {DeploymentManifest, ManifestContract, MANIFEST_CONTRACTS} from '../config/manifest'
import type {Block, Log} from '../processor'
import {rawEvents} from './raw-events'

/** Where an event happened: shared by every decoded event. */
export interface Meta {
    /** Log id, unique and sortable in chain order. */
    id: string
    block: number
    timestamp: Date
    txHash: string
    logIndex: number
    /** Emitting contract (lowercase). */
    address: string
}

type Dec<T> = {decode(rec: {topics: string[]; data: string}): T}
type Out<T> = T extends Dec<infer R> ? R : never
type E<K extends string, T> = {kind: K; meta: Meta; contract: ManifestContract; args: Out<T>}

const NFT_EVENTS = (abi: typeof AssetRegistry) => ({
    Transfer: abi.events.Transfer,
    Approval: abi.events.Approval,
    ApprovalForAll: abi.events.ApprovalForAll,
})

/** Decoders per contract and topic0. String-carrying events use the raw-bytes variants. */
const DECODERS = {
    SaharaToken: {
        TokenTransfer: SaharaToken.events.Transfer,
        TokenApproval: SaharaToken.events.Approval,
        DelegateChanged: SaharaToken.events.DelegateChanged,
        DelegateVotesChanged: SaharaToken.events.DelegateVotesChanged,
    },
    AssetRegistry: {
        AssetRegistered: rawEvents.AssetRegistered,
        AssetUpdated: rawEvents.AssetUpdated,
        AssetLinked: AssetRegistry.events.AssetLinked,
        ContributorShareSet: AssetRegistry.events.ContributorShareSet,
        AssetStatusChanged: AssetRegistry.events.AssetStatusChanged,
        ...prefix('Asset', NFT_EVENTS(AssetRegistry)),
    },
    ContributionReceipts: {
        ReceiptIssued: ContributionReceipts.events.ReceiptIssued,
        ReceiptRevoked: ContributionReceipts.events.ReceiptRevoked,
        ...prefix('Receipt', NFT_EVENTS(ContributionReceipts as any)),
    },
    LicenseRegistry: {
        LicenseTermsCreated: LicenseRegistry.events.LicenseTermsCreated,
        LicenseIssued: LicenseRegistry.events.LicenseIssued,
        LicenseRevoked: LicenseRegistry.events.LicenseRevoked,
        ...prefix('License', NFT_EVENTS(LicenseRegistry as any)),
    },
    InvocationRouter: {Invoked: InvocationRouter.events.Invoked},
    RevenueVault: {
        PaymentReceived: RevenueVault.events.PaymentReceived,
        RevenueDistributed: RevenueVault.events.RevenueDistributed,
        OwnerClaimed: RevenueVault.events.OwnerClaimed,
        ReceiptClaimed: RevenueVault.events.ReceiptClaimed,
        ProtocolFeeUpdated: RevenueVault.events.ProtocolFeeUpdated,
    },
    Treasury: {
        TreasuryDeposit: rawEvents.TreasuryDeposit,
        FeeReceived: Treasury.events.FeeReceived,
        TreasuryDisbursement: rawEvents.TreasuryDisbursement,
    },
    DualTrackGovernor: {
        ProposalCreated: rawEvents.ProposalCreated,
        VoteCast: rawEvents.VoteCast,
        ProposalCanceled: DualTrackGovernor.events.ProposalCanceled,
        ProposalExecuted: DualTrackGovernor.events.ProposalExecuted,
        CouncilMemberAdded: DualTrackGovernor.events.CouncilMemberAdded,
        CouncilMemberRemoved: DualTrackGovernor.events.CouncilMemberRemoved,
        GovernanceParamsSet: DualTrackGovernor.events.GovernanceParamsSet,
    },
} as const

function prefix<P extends string, T extends Record<string, unknown>>(p: P, o: T): {[K in keyof T & string as `${P}${K}`]: T[K]} {
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${p}${k}`, v])) as any
}

/** The topic0 values the processor subscribes to for a contract: exactly those the decoder table handles. */
export function subscribedTopics(contract: ManifestContract): string[] {
    return [...new Set(Object.values(DECODERS[contract]).map((d) => (d as {topic: string}).topic))]
}

type Decoders = typeof DECODERS
type Flat = {[C in keyof Decoders]: {[K in keyof Decoders[C] & string]: E<K, Decoders[C][K]>}[keyof Decoders[C] & string]}
/** Every protocol event, decoded and typed, discriminated by `kind`. */
export type ProtocolEvent = Flat[keyof Flat]
export type EventOf<K extends ProtocolEvent['kind']> = Extract<ProtocolEvent, {kind: K}>

interface Entry {
    kind: string
    contract: ManifestContract
    decoder: Dec<unknown>
    topicCount: number
}

/**
 * Decodes logs of one deployment. Built once per processor run from the manifest: a lookup
 * by (address, topic0, topic count), so an ERC-721 Transfer is never mistaken for an ERC-20
 * one and logs of other addresses are rejected.
 */
export class EventDecoder {
    private table = new Map<string, Entry>()

    constructor(manifest: DeploymentManifest) {
        for (const contract of MANIFEST_CONTRACTS) {
            const address = manifest.contracts[contract].toLowerCase()
            for (const [kind, decoder] of Object.entries(DECODERS[contract])) {
                const d = decoder as any
                const topicCount = 1 + Object.values(d.params as Record<string, {indexed?: boolean}>).filter((x) => x.indexed).length
                this.table.set(`${address}:${d.topic}:${topicCount}`, {kind, contract, decoder: d, topicCount})
            }
        }
    }

    /**
     * Returns the decoded event, `undefined` for a log that is not a protocol event (another
     * address, an unknown topic), or throws a descriptive error if a protocol log is malformed.
     */
    decode(log: Log, block: Block): ProtocolEvent | undefined {
        const entry = this.table.get(`${log.address.toLowerCase()}:${log.topics[0]}:${log.topics.length}`)
        if (entry == null) return undefined
        const args = entry.decoder.decode(log)
        return {
            kind: entry.kind,
            contract: entry.contract,
            args,
            meta: {
                id: log.id,
                block: block.height,
                timestamp: new Date(block.timestamp),
                txHash: log.transactionHash,
                logIndex: log.logIndex,
                address: log.address.toLowerCase(),
            },
        } as ProtocolEvent
    }
}
