import {getContract, type Address, type PublicClient} from 'viem'
import {afterAll, beforeAll} from 'vitest'
import {loadArtifacts} from '../../devnet/compile'
import {enableImpersonation} from '../../devnet/chain'
import {publicClientFor} from '../../devnet/deploy'
import {Devnet, startDevnet} from '../../devnet/devnet'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'

export interface TestChain {
    devnet: Devnet
    manifest: DeploymentManifest
    client: PublicClient
    abi: Record<ManifestContract, any[]>
}

/**
 * Starts a fresh devnet (anvil on a free port, protocol deployed, simulated accounts funded)
 * for the test file and stops it afterwards. Use `evm_snapshot`/`evm_revert` for isolation
 * between tests inside a file.
 */
export function useDevnet(opts: {fund?: boolean; pruneHistory?: number | false} = {}): TestChain {
    const chain = {} as TestChain
    beforeAll(async () => {
        chain.devnet = await startDevnet({fund: opts.fund ?? true, pruneHistory: opts.pruneHistory})
        chain.manifest = chain.devnet.manifest
        chain.client = publicClientFor(chain.devnet.anvil.rpcUrl)
        await enableImpersonation(chain.client)
        const artifacts = loadArtifacts()
        chain.abi = Object.fromEntries(Object.entries(artifacts).map(([k, v]) => [k, v.abi])) as any
    })
    afterAll(async () => {
        await chain.devnet?.stop()
    })
    return chain
}

export function contract(chain: TestChain, name: ManifestContract) {
    return getContract({address: chain.manifest.contracts[name] as Address, abi: chain.abi[name], client: chain.client})
}
