import fs from 'fs'
import os from 'os'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {loadProcessorConfig} from './env'
import {parseManifest} from './manifest'

const CONTRACTS = Object.fromEntries(
    ['SaharaToken', 'AssetRegistry', 'ContributionReceipts', 'LicenseRegistry', 'InvocationRouter', 'RevenueVault', 'Treasury', 'DualTrackGovernor'].map((n, i) => [
        n,
        `0x${String(i + 1).padStart(40, '0')}`,
    ]),
)
const GOOD = {chainId: 313313, rpcUrl: 'http://127.0.0.1:8545', startBlock: 5, contracts: CONTRACTS}

function manifestFile(m: unknown): string {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'deployment.json')
    fs.writeFileSync(f, typeof m === 'string' ? m : JSON.stringify(m))
    return f
}

describe('configuration', () => {
    it('reads a valid manifest and environment', () => {
        const cfg = loadProcessorConfig({MANIFEST: manifestFile(GOOD), FINALITY_CONFIRMATION: '20', EXIT_AT_HEAD: 'true'})
        expect(cfg.rpcUrl).toBe('http://127.0.0.1:8545')
        expect(cfg.fromBlock).toBe(5)
        expect(cfg.finalityConfirmation).toBe(20)
        expect(cfg.exitAtHead).toBe(true)
        expect(cfg.manifest.contracts.Treasury).toBe(CONTRACTS.Treasury)
    })

    it('says what to fix in a bad manifest', () => {
        expect(() => parseManifest({...GOOD, chainId: -1, contracts: {...CONTRACTS, Treasury: '0x12'}}, 'm.json')).toThrow(
            /m\.json is invalid:[\s\S]*chainId must be a positive integer[\s\S]*contracts\.Treasury must be a 0x-prefixed 20-byte address/,
        )
        expect(() => loadProcessorConfig({MANIFEST: manifestFile('{not json')})).toThrow(/is not valid JSON/)
        expect(() => loadProcessorConfig({MANIFEST: '/nonexistent/deployment.json'})).toThrow(/deployment manifest not found.*npm run devnet/)
    })

    it('says what to fix in bad environment values', () => {
        const MANIFEST = manifestFile(GOOD)
        expect(() => loadProcessorConfig({MANIFEST, RPC_URL: 'ftp://node'})).toThrow(/RPC_URL must start with http/)
        expect(() => loadProcessorConfig({MANIFEST, FINALITY_CONFIRMATION: 'ten'})).toThrow(/FINALITY_CONFIRMATION must be an integer in \[1, 10000\], got "ten"/)
        expect(() => loadProcessorConfig({MANIFEST, START_BLOCK: '-3'})).toThrow(/START_BLOCK must be an integer/)
    })
})
