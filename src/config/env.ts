import path from 'path'
import {DeploymentManifest, readManifest} from './manifest'

/** Validated processor configuration (from the environment and the deployment manifest). */
export interface ProcessorConfig {
    manifest: DeploymentManifest
    /** http(s):// or ws(s):// JSON-RPC endpoint; defaults to the manifest's rpcUrl. */
    rpcUrl: string
    /** Blocks after which the processor treats a block as final (reorgs deeper than this are fatal). */
    finalityConfirmation: number
    /** First block to index (defaults to the manifest's startBlock). */
    fromBlock: number
    /** Exit once the head that was current at start has been indexed. */
    exitAtHead: boolean
    /** Max RPC requests per second (undefined = unlimited). */
    rpcRateLimit?: number
    /** Prometheus metrics port of the processor. */
    prometheusPort?: number
}

export const DEFAULT_MANIFEST = '.data/deployment.json'
export const DEFAULT_FINALITY_CONFIRMATION = 15

function intVar(env: NodeJS.ProcessEnv, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const raw = env[name]
    if (raw == null || raw === '') return undefined
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
        throw new Error(`${name} must be an integer in [${min}, ${max}], got "${raw}"`)
    }
    return n
}

export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env): ProcessorConfig {
    const manifestFile = path.resolve(env.MANIFEST || DEFAULT_MANIFEST)
    const manifest = readManifest(manifestFile)
    const rpcUrl = env.RPC_URL || manifest.rpcUrl
    if (!/^(https?|wss?):\/\//.test(rpcUrl)) {
        throw new Error(`RPC_URL must start with http://, https://, ws:// or wss://, got "${rpcUrl}"`)
    }
    const finalityConfirmation = intVar(env, 'FINALITY_CONFIRMATION', 1, 10_000) ?? DEFAULT_FINALITY_CONFIRMATION
    const fromBlock = intVar(env, 'START_BLOCK', 0) ?? manifest.startBlock
    return {
        manifest,
        rpcUrl,
        finalityConfirmation,
        fromBlock,
        exitAtHead: ['1', 'true', 'yes'].includes((env.EXIT_AT_HEAD ?? '').toLowerCase()),
        rpcRateLimit: intVar(env, 'RPC_RATE_LIMIT', 1),
        prometheusPort: intVar(env, 'PROCESSOR_PROMETHEUS_PORT', 0, 65535),
    }
}
