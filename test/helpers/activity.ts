import {encodeFunctionData, maxUint256, toHex, type Address, type PublicClient} from 'viem'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'
import {simAccount} from '../../devnet/accounts'
import {sendBatch, setAutomine, Tx} from '../../devnet/chain'
import {loadArtifacts} from '../../devnet/compile'

/**
 * One block of mixed protocol activity, built from the chain's current counters so ids are
 * predictable: an asset with a parent link, receipts, terms, a purchase, invocations (payments
 * through the lineage), a deposit and a plain transfer to the treasury. `variant` changes the
 * actors and amounts so that two calls on the same parent state produce different blocks.
 */
export async function mixedActivityBlock(client: PublicClient, m: DeploymentManifest, variant: number): Promise<bigint> {
    const art = loadArtifacts()
    const c = (name: ManifestContract, functionName: string, args: unknown[]) =>
        encodeFunctionData({abi: art[name].abi, functionName, args} as any)
    const read = (name: ManifestContract, functionName: string) =>
        client.readContract({address: m.contracts[name] as Address, abi: art[name].abi, functionName}) as Promise<bigint>
    const [assets, terms, licenses] = await Promise.all([read('AssetRegistry', 'assetCount'), read('LicenseRegistry', 'termsCount'), read('LicenseRegistry', 'licenseCount')])
    const owner = simAccount(10 + (variant % 7))
    const buyer = simAccount(30 + (variant % 11))
    const contributor = simAccount(60 + (variant % 13))
    const asset = assets + 1n
    const termsId = terms + 1n
    const licenseId = licenses + 1n
    const price = 10n ** 18n * BigInt(1 + (variant % 5))
    const txs: Tx[] = [
        {from: owner, to: m.contracts.AssetRegistry, data: c('AssetRegistry', 'register', [variant % 4, `ipfs://activity/${variant}`, toHex(variant, {size: 32}), 3000])},
        {from: owner, to: m.contracts.ContributionReceipts, data: c('ContributionReceipts', 'issue', [asset, contributor, 0, BigInt(100 + variant), toHex(variant, {size: 32})])},
        {from: owner, to: m.contracts.ContributionReceipts, data: c('ContributionReceipts', 'issue', [asset, buyer, 1, 7n, toHex(variant + 1, {size: 32})])},
        {from: owner, to: m.contracts.LicenseRegistry, data: c('LicenseRegistry', 'createTerms', [asset, 2, price, 0n, 10n ** 15n * BigInt(1 + variant)])},
        {from: buyer, to: m.contracts.SaharaToken, data: c('SaharaToken', 'approve', [m.contracts.LicenseRegistry, maxUint256])},
        {from: buyer, to: m.contracts.SaharaToken, data: c('SaharaToken', 'approve', [m.contracts.InvocationRouter, maxUint256])},
        {from: buyer, to: m.contracts.LicenseRegistry, data: c('LicenseRegistry', 'purchase', [termsId, buyer])},
        {from: buyer, to: m.contracts.InvocationRouter, data: c('InvocationRouter', 'invoke', [licenseId, 3 + (variant % 4), toHex(variant, {size: 32})])},
        {from: buyer, to: m.contracts.SaharaToken, data: c('SaharaToken', 'approve', [m.contracts.Treasury, maxUint256])},
        {from: buyer, to: m.contracts.Treasury, data: c('Treasury', 'deposit', [price, `deposit ${variant}`])},
        {from: buyer, to: m.contracts.SaharaToken, data: c('SaharaToken', 'transfer', [m.contracts.Treasury, BigInt(variant + 1)])},
    ]
    if (asset > 1n) {
        txs.splice(1, 0, {from: owner, to: m.contracts.AssetRegistry, data: c('AssetRegistry', 'link', [asset, asset - 1n, variant % 5, 1000])})
    }
    await setAutomine(client, false)
    const {blockNumber} = await sendBatch(client, txs)
    return blockNumber
}
