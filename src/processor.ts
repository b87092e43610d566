import {
    BlockHeader,
    DataHandlerContext,
    EvmBatchProcessor,
    EvmBatchProcessorFields,
    Log as _Log,
    Transaction as _Transaction,
} from '@subsquid/evm-processor'
import {Store} from '@subsquid/typeorm-store'
import {ProcessorConfig} from './config/env'
import {MANIFEST_CONTRACTS} from './config/manifest'
import {subscribedTopics} from './mapping/decode'

export const FIELDS = {
    block: {timestamp: true},
    log: {address: true, topics: true, data: true, transactionHash: true, logIndex: true, transactionIndex: true},
} as const

/**
 * Builds the processor for one deployment: one `addLog` per contract of the manifest, asking for
 * exactly the topics the decoder table knows (src/mapping/decode.ts); logs of any other address
 * are never fetched.
 */
export function buildProcessor(cfg: ProcessorConfig) {
    const p = new EvmBatchProcessor()
        // capacity 2: Subsquid fetches min(5, capacity) ranges of 10 blocks ahead of the batch being
        // written; the writes are the bottleneck, so 2 keep up while holding fewer logs in memory
        // (large chain: faster, 6.6 -> 5.1 processor CPU-s per 100k events, less garbage)
        .setRpcEndpoint({url: cfg.rpcUrl, rateLimit: cfg.rpcRateLimit, maxBatchCallSize: 100, capacity: 2})
        .setRpcDataIngestionSettings({headPollInterval: 500, newHeadTimeout: 30_000})
        .setFinalityConfirmation(cfg.finalityConfirmation)
        .setBlockRange({from: cfg.fromBlock})
        .setFields(FIELDS)
    for (const name of MANIFEST_CONTRACTS) {
        p.addLog({address: [cfg.manifest.contracts[name]], topic0: subscribedTopics(name)})
    }
    if (cfg.prometheusPort != null) p.setPrometheusPort(cfg.prometheusPort)
    return p
}

export type Fields = EvmBatchProcessorFields<ReturnType<typeof buildProcessor>>
export type Block = BlockHeader<Fields>
export type Log = _Log<Fields>
export type Transaction = _Transaction<Fields>
export type ProcessorContext<S = Store> = DataHandlerContext<S, Fields>
