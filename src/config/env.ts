import {DeploymentManifest, readManifest} from './manifest'
import {DATABASE_VARS} from './database'
import {ConfigError, manifestFileOf, readEnv} from './schema'

export {DEFAULT_FINALITY_CONFIRMATION, DEFAULT_MANIFEST} from './schema'

/** Validated processor configuration (from the environment and the deployment manifest). */
export interface ProcessorConfig {
    manifest: DeploymentManifest
    /** Absolute path of the manifest file read. */
    manifestFile: string
    /** http(s):// or ws(s):// JSON-RPC endpoint; defaults to the manifest's rpcUrl. */
    rpcUrl: string
    /** Blocks after which the processor treats a block as final (reorgs deeper than this are fatal). */
    finalityConfirmation: number
    /** First block to index (defaults to the manifest's startBlock). */
    fromBlock: number
    /** Exit once the head that was current at start has been indexed. */
    exitAtHead: boolean
    /** Drop every indexed row and index again from the start block (REINDEX). */
    reindex: boolean
    /** Max RPC requests per second (undefined = unlimited). */
    rpcRateLimit?: number
    /** Prometheus metrics port of the processor. */
    prometheusPort?: number
    /** Figures to check against the chain after each batch (0 = off; src/verify/self-check.ts). */
    verifySample: number
    /** Write with one unnest statement per class and batch (src/store/bulk-write.ts) instead of typeorm-store's query builder. */
    bulkWrites: boolean
}

/** The variables the processor reads (Subsquid's typeorm-store reads the database ones itself; they are validated here). */
export const PROCESSOR_VARS = [
    'MANIFEST',
    'DATA_DIR',
    'RPC_URL',
    'FINALITY_CONFIRMATION',
    'START_BLOCK',
    'EXIT_AT_HEAD',
    'REINDEX',
    'RPC_RATE_LIMIT',
    'PROCESSOR_PROMETHEUS_PORT',
    'VERIFY_SAMPLE_PER_BATCH',
    'BULK_WRITES',
    ...DATABASE_VARS,
] as const

export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env): ProcessorConfig {
    const e = readEnv(env, PROCESSOR_VARS)
    const manifestFile = manifestFileOf(e)
    const manifest = readManifest(manifestFile)
    const rpcUrl = e.RPC_URL ?? manifest.rpcUrl
    if (!/^(https?|wss?):\/\/./.test(rpcUrl)) {
        throw new ConfigError([`RPC_URL is not set and the manifest's rpcUrl is not an http://, https://, ws:// or wss:// URL (${JSON.stringify(rpcUrl)} in ${manifestFile}): set RPC_URL or fix the manifest`])
    }
    if (e.VERIFY_SAMPLE_PER_BATCH > 0 && !/^https?:/.test(rpcUrl)) {
        throw new ConfigError([`VERIFY_SAMPLE_PER_BATCH needs an http:// or https:// RPC (its eth_call batches go over HTTP), and the RPC is ${rpcUrl}: set RPC_URL to the node's HTTP endpoint or VERIFY_SAMPLE_PER_BATCH=0`])
    }
    return {
        manifest,
        manifestFile,
        rpcUrl,
        finalityConfirmation: e.FINALITY_CONFIRMATION,
        fromBlock: e.START_BLOCK ?? manifest.startBlock,
        exitAtHead: e.EXIT_AT_HEAD,
        reindex: e.REINDEX,
        rpcRateLimit: e.RPC_RATE_LIMIT,
        prometheusPort: e.PROCESSOR_PROMETHEUS_PORT,
        verifySample: e.VERIFY_SAMPLE_PER_BATCH,
        bulkWrites: e.BULK_WRITES,
    }
}
