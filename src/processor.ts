import {
    BlockHeader,
    DataHandlerContext,
    EvmBatchProcessor,
    EvmBatchProcessorFields,
    Log as _Log,
    Transaction as _Transaction,
} from '@subsquid/evm-processor'
import {Store} from '@subsquid/typeorm-store'
import * as AssetRegistry from './abi/AssetRegistry'
import * as ContributionReceipts from './abi/ContributionReceipts'
import * as DualTrackGovernor from './abi/DualTrackGovernor'
import * as InvocationRouter from './abi/InvocationRouter'
import * as LicenseRegistry from './abi/LicenseRegistry'
import * as RevenueVault from './abi/RevenueVault'
import * as SaharaToken from './abi/SaharaToken'
import * as Treasury from './abi/Treasury'
import {ProcessorConfig} from './config/env'
import {ManifestContract} from './config/manifest'

/** The events each contract is asked for: exactly those of the SPEC (topic0 filter). */
export const CONTRACT_EVENTS: Record<ManifestContract, {topic: string}[]> = {
    SaharaToken: [
        SaharaToken.events.Transfer,
        SaharaToken.events.Approval,
        SaharaToken.events.DelegateChanged,
        SaharaToken.events.DelegateVotesChanged,
    ],
    AssetRegistry: [
        AssetRegistry.events.AssetRegistered,
        AssetRegistry.events.AssetUpdated,
        AssetRegistry.events.AssetLinked,
        AssetRegistry.events.ContributorShareSet,
        AssetRegistry.events.AssetStatusChanged,
        AssetRegistry.events.Transfer,
        AssetRegistry.events.Approval,
        AssetRegistry.events.ApprovalForAll,
    ],
    ContributionReceipts: [
        ContributionReceipts.events.ReceiptIssued,
        ContributionReceipts.events.ReceiptRevoked,
        ContributionReceipts.events.Transfer,
        ContributionReceipts.events.Approval,
        ContributionReceipts.events.ApprovalForAll,
    ],
    LicenseRegistry: [
        LicenseRegistry.events.LicenseTermsCreated,
        LicenseRegistry.events.LicenseIssued,
        LicenseRegistry.events.LicenseRevoked,
        LicenseRegistry.events.Transfer,
        LicenseRegistry.events.Approval,
        LicenseRegistry.events.ApprovalForAll,
    ],
    InvocationRouter: [InvocationRouter.events.Invoked],
    RevenueVault: [
        RevenueVault.events.PaymentReceived,
        RevenueVault.events.RevenueDistributed,
        RevenueVault.events.OwnerClaimed,
        RevenueVault.events.ReceiptClaimed,
        RevenueVault.events.ProtocolFeeUpdated,
    ],
    Treasury: [Treasury.events.TreasuryDeposit, Treasury.events.FeeReceived, Treasury.events.TreasuryDisbursement],
    DualTrackGovernor: [
        DualTrackGovernor.events.ProposalCreated,
        DualTrackGovernor.events.VoteCast,
        DualTrackGovernor.events.ProposalCanceled,
        DualTrackGovernor.events.ProposalExecuted,
        DualTrackGovernor.events.CouncilMemberAdded,
        DualTrackGovernor.events.CouncilMemberRemoved,
        DualTrackGovernor.events.GovernanceParamsSet,
    ],
}

export const FIELDS = {
    block: {timestamp: true},
    log: {address: true, topics: true, data: true, transactionHash: true, logIndex: true, transactionIndex: true},
} as const

/**
 * Builds the processor for one deployment: one `addLog` per contract of the manifest, with the
 * SPEC's event topics; logs of any other address are never fetched.
 */
export function buildProcessor(cfg: ProcessorConfig) {
    const p = new EvmBatchProcessor()
        .setRpcEndpoint({url: cfg.rpcUrl, rateLimit: cfg.rpcRateLimit, maxBatchCallSize: 100})
        .setRpcDataIngestionSettings({headPollInterval: 500, newHeadTimeout: 30_000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.fromBlock})
        .setFields(FIELDS)
    for (const [name, events] of Object.entries(CONTRACT_EVENTS) as [ManifestContract, {topic: string}[]][]) {
        p.addLog({address: [cfg.manifest.contracts[name]], topic0: events.map((e) => e.topic)})
    }
    if (cfg.prometheusPort != null) p.setPrometheusPort(cfg.prometheusPort)
    return p
}

export type Fields = EvmBatchProcessorFields<ReturnType<typeof buildProcessor>>
export type Block = BlockHeader<Fields>
export type Log = _Log<Fields>
export type Transaction = _Transaction<Fields>
export type ProcessorContext<S = Store> = DataHandlerContext<S, Fields>
