import {getContract, type Address, type PublicClient} from 'viem'
import {afterAll, beforeAll} from 'vitest'
import {fundSimAccounts} from '../../devnet/accounts'
import {startAnvil} from '../../devnet/anvil'
import {loadArtifacts} from '../../devnet/compile'
import {enableImpersonation} from '../../devnet/chain'
import {deployProtocol, publicClientFor} from '../../devnet/deploy'
import {Devnet, startDevnet} from '../../devnet/devnet'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'

export interface TestChain {
    devnet: Devnet
    manifest: DeploymentManifest
    client: PublicClient
    abi: Record<ManifestContract, any[]>
}

export interface TestChainOptions {
    /** Fund and delegate the simulated accounts (default true). */
    fund?: boolean
    /** anvil --prune-history (default 256); `false` keeps every state, for reads at old blocks. */
    pruneHistory?: number | false
    /** Genesis block timestamp (anvil --timestamp), for a reproducible chain. */
    timestamp?: number
}

/**
 * A fresh devnet (anvil on a free port, protocol deployed, simulated accounts funded unless
 * `fund: false`) with impersonation on, a client and the ABIs. Stop it with `devnet.stop()`.
 */
export async function startTestChain(opts: TestChainOptions = {}): Promise<TestChain> {
    let devnet: Devnet
    if (opts.timestamp == null) {
        devnet = await startDevnet({fund: opts.fund ?? true, pruneHistory: opts.pruneHistory})
    } else {
        // startDevnet has no genesis timestamp: the same steps on an anvil started with one
        const anvil = await startAnvil({port: 0, timestamp: opts.timestamp, pruneHistory: opts.pruneHistory})
        try {
            const manifest = await deployProtocol({rpcUrl: anvil.rpcUrl})
            if (opts.fund ?? true) await fundSimAccounts(publicClientFor(anvil.rpcUrl), manifest)
            devnet = {anvil, manifest, stop: () => anvil.stop()}
        } catch (e) {
            await anvil.stop()
            throw e
        }
    }
    try {
        const client = publicClientFor(devnet.anvil.rpcUrl)
        await enableImpersonation(client)
        const abi = Object.fromEntries(Object.entries(loadArtifacts()).map(([k, v]) => [k, v.abi])) as TestChain['abi']
        return {devnet, manifest: devnet.manifest, client, abi}
    } catch (e) {
        await devnet.stop()
        throw e
    }
}

/**
 * Starts a fresh devnet (see `startTestChain`) for the test file and stops it afterwards. Use
 * `evm_snapshot`/`evm_revert` for isolation between tests inside a file.
 */
export function useDevnet(opts: TestChainOptions = {}): TestChain {
    const chain = {} as TestChain
    beforeAll(async () => {
        Object.assign(chain, await startTestChain(opts))
    })
    afterAll(async () => {
        await chain.devnet?.stop()
    })
    return chain
}

export function contract(chain: TestChain, name: ManifestContract) {
    return getContract({address: chain.manifest.contracts[name] as Address, abi: chain.abi[name], client: chain.client})
}
