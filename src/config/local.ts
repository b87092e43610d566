/** Configuration of the local runners: `npm start`, `npm run process`, `npm run reset`, `npm run devnet`. */
import path from 'path'
import {databaseTargetOf, type DatabaseTarget} from './database'
import {PROCESSOR_VARS} from './env'
import {ConfigError, DEFAULT_LOCAL_PROMETHEUS_PORT, manifestFileOf, readEnv, VAR_NAMES} from './schema'

export interface LocalConfig {
    /** Absolute DATA_DIR. */
    dataDir: string
    gqlPort: number
    devnetPort: number
    /** PROCESSOR_PROMETHEUS_PORT, default 3000. */
    metricsPort: number
    /** A local devnet with its state in `<DATA_DIR>/devnet`, or the chain RPC_URL + MANIFEST describe. */
    chain: {kind: 'devnet'; dir: string} | {kind: 'external'; rpcUrl: string; manifestFile: string}
    simSeed: number
    verbose: boolean
    database: DatabaseTarget
}

/**
 * `npm start`: validates every variable of the product at once (its own and those its processor
 * and API children read), so that one run lists every problem before anything starts.
 */
export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
    const e = readEnv(env, VAR_NAMES)
    if (e.RPC_URL && !e.MANIFEST) {
        throw new ConfigError(['RPC_URL is set but MANIFEST is not: point MANIFEST at the deployment manifest of that chain (see README, "Index a real deployment")'])
    }
    const dataDir = path.resolve(e.DATA_DIR)
    return {
        dataDir,
        gqlPort: e.GQL_PORT,
        devnetPort: e.DEVNET_PORT,
        metricsPort: e.PROCESSOR_PROMETHEUS_PORT ?? DEFAULT_LOCAL_PROMETHEUS_PORT,
        chain: e.RPC_URL ? {kind: 'external', rpcUrl: e.RPC_URL, manifestFile: manifestFileOf(e)} : {kind: 'devnet', dir: path.join(dataDir, 'devnet')},
        simSeed: e.SIM_SEED,
        verbose: e.VERBOSE,
        database: databaseTargetOf(e),
    }
}

/** `npm run process`: the database, after validating what the processor child will read. */
export function loadProcessRunnerConfig(env: NodeJS.ProcessEnv = process.env): {database: DatabaseTarget} {
    const e = readEnv(env, PROCESSOR_VARS) // the database variables included
    return {database: databaseTargetOf(e)}
}

/** `npm run reset`: the absolute DATA_DIR. */
export function loadDataDir(env: NodeJS.ProcessEnv = process.env): string {
    return path.resolve(readEnv(env, ['DATA_DIR']).DATA_DIR)
}

/** `npm run devnet`: its port (DEVNET_PORT) and the manifest it writes (MANIFEST, else the one npm start uses). */
export function loadDevnetConfig(env: NodeJS.ProcessEnv = process.env): {port: number; manifestFile: string} {
    const e = readEnv(env, ['DEVNET_PORT', 'MANIFEST', 'DATA_DIR'])
    return {port: e.DEVNET_PORT, manifestFile: manifestFileOf(e)}
}

/** The manifest file a script reads by default: MANIFEST, else `<DATA_DIR>/devnet/deployment.json`. */
export function defaultManifestFile(env: NodeJS.ProcessEnv = process.env): string {
    return manifestFileOf(readEnv(env, ['MANIFEST', 'DATA_DIR']))
}
