import {encodeDeployData, getContractAddress, type Address, type Hex, type PublicClient} from 'viem'
import {DeploymentManifest} from '../src/config/manifest'
import {rpc, toQuantity} from './chain'
import {publicClientFor} from './client'
import {CONTRACT_NAMES, ContractName, loadArtifacts} from './compile'

/** anvil's first three default accounts: deployer (0) and the initial Foundation council (1-3). */
export const DEV_ACCOUNTS: Address[] = [
    '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
    '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
    '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
    '0x90f79bf6eb2c4f870365e785982e1f101e93b906',
]
export const DEPLOYER = DEV_ACCOUNTS[0]
export const INITIAL_COUNCIL = DEV_ACCOUNTS.slice(1, 4)
/** 1 billion SAHARA, minted to the deployer at deployment. */
export const TOTAL_SUPPLY = 1_000_000_000n * 10n ** 18n

export interface DeployOptions {
    rpcUrl: string
    council?: Address[]
}

/** Moved to devnet/client.ts (the tooling's shared JSON-RPC client); re-exported for existing imports. */
export {publicClientFor}

/**
 * Deploys the eight contracts from the devnet deployer. Contracts reference each other through
 * immutable addresses predicted from the deployer's nonce, so there is no wiring transaction and
 * no setter: the governor owns the vault fee and treasury spending from the first block.
 */
export async function deployProtocol(opts: DeployOptions): Promise<DeploymentManifest> {
    const artifacts = loadArtifacts()
    const client = publicClientFor(opts.rpcUrl)
    const chainId = await client.getChainId()
    const council = opts.council ?? INITIAL_COUNCIL
    const nonce = await client.getTransactionCount({address: DEPLOYER})
    const addr = {} as Record<ContractName, Address>
    CONTRACT_NAMES.forEach((name, i) => {
        addr[name] = getContractAddress({from: DEPLOYER, nonce: BigInt(nonce + i)}).toLowerCase() as Address
    })
    const ctorArgs: Record<ContractName, unknown[]> = {
        SaharaToken: [DEPLOYER, TOTAL_SUPPLY],
        AssetRegistry: [],
        ContributionReceipts: [addr.AssetRegistry, addr.RevenueVault],
        LicenseRegistry: [addr.SaharaToken, addr.AssetRegistry, addr.RevenueVault],
        InvocationRouter: [addr.SaharaToken, addr.AssetRegistry, addr.LicenseRegistry, addr.RevenueVault],
        RevenueVault: [
            addr.SaharaToken,
            addr.AssetRegistry,
            addr.ContributionReceipts,
            addr.LicenseRegistry,
            addr.InvocationRouter,
            addr.Treasury,
            addr.DualTrackGovernor,
        ],
        Treasury: [addr.SaharaToken, addr.RevenueVault, addr.DualTrackGovernor],
        DualTrackGovernor: [addr.SaharaToken, council],
    }
    let startBlock = 0
    for (const [i, name] of CONTRACT_NAMES.entries()) {
        const {abi, bytecode} = artifacts[name]
        const data = encodeDeployData({abi, bytecode, args: ctorArgs[name]} as any)
        const hash = await rpc<Hex>(client, 'eth_sendTransaction', [{from: DEPLOYER, data, nonce: toQuantity(BigInt(nonce + i)), gas: toQuantity(15_000_000n)}])
        await mineIfNeeded(client)
        const receipt = await client.waitForTransactionReceipt({hash, pollingInterval: 50})
        if (receipt.status !== 'success') throw new Error(`deployment of ${name} reverted`)
        if (receipt.contractAddress?.toLowerCase() !== addr[name]) {
            throw new Error(`${name} deployed at ${receipt.contractAddress}, expected ${addr[name]}`)
        }
        if (i === 0) startBlock = Number(receipt.blockNumber)
    }
    return {chainId, rpcUrl: opts.rpcUrl, startBlock, contracts: addr, deployer: DEPLOYER, council}
}

/** With automine off (the simulator's mode) a transaction waits for `evm_mine`. */
export async function mineIfNeeded(client: PublicClient): Promise<void> {
    if (!(await rpc<boolean>(client, 'anvil_getAutomine'))) await rpc(client, 'evm_mine')
}
