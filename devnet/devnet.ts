import {DeploymentManifest, readManifest, writeManifest} from '../src/config/manifest'
import {fundSimAccounts} from './accounts'
import {Anvil, startAnvil} from './anvil'
import {publicClientFor} from './client'
import {deployProtocol} from './deploy'

export interface DevnetOptions {
    port?: number
    manifestFile?: string
    /** Start from a saved anvil state (its manifest must sit beside it as `<dump>.manifest.json`). */
    loadState?: string
    fund?: boolean
    pruneHistory?: number | false
    log?: (msg: string) => void
}

export interface Devnet {
    anvil: Anvil
    manifest: DeploymentManifest
    manifestFile?: string
    stop(): Promise<void>
}

export function stateManifestFile(dump: string): string {
    return `${dump}.manifest.json`
}

/** Starts anvil with the protocol deployed (or loaded from a dump) and returns its manifest. */
export async function startDevnet(opts: DevnetOptions = {}): Promise<Devnet> {
    const log = opts.log ?? (() => {})
    const anvil = await startAnvil({port: opts.port ?? 0, loadState: opts.loadState, pruneHistory: opts.pruneHistory})
    try {
        let manifest: DeploymentManifest
        if (opts.loadState) {
            manifest = {...readManifest(stateManifestFile(opts.loadState)), rpcUrl: anvil.rpcUrl}
            log(`loaded state ${opts.loadState}`)
        } else {
            manifest = await deployProtocol({rpcUrl: anvil.rpcUrl})
            log(`deployed the protocol at block ${manifest.startBlock}`)
            if (opts.fund !== false) {
                await fundSimAccounts(publicClientFor(anvil.rpcUrl), manifest)
                log('funded and delegated the simulated accounts')
            }
        }
        if (opts.manifestFile) writeManifest(opts.manifestFile, manifest)
        return {
            anvil,
            manifest,
            manifestFile: opts.manifestFile,
            async stop() {
                await anvil.stop()
            },
        }
    } catch (e) {
        await anvil.stop()
        throw e
    }
}
