/**
 * Compiles contracts/*.sol with solc-js (WASM, no download) and writes
 *   abi/<Contract>.json               ABI only, the input of squid-evm-typegen
 *   contracts/build/artifacts.json    ABI + creation bytecode, read by the devnet deployer
 * Usage: npm run compile [-- --check]   (--check fails if the committed output is stale)
 */
import {compileContracts, writeArtifacts} from '../devnet/compile'

const check = process.argv.includes('--check')
const started = Date.now()
const out = compileContracts()
const changed = writeArtifacts(out, {check})
if (check && changed.length > 0) {
    console.error(`stale compiled output, run \`npm run compile\`: ${changed.join(', ')}`)
    process.exit(1)
}
console.log(`compiled ${Object.keys(out).length} contracts in ${Date.now() - started} ms` +
    (changed.length ? `; wrote ${changed.join(', ')}` : '; output unchanged'))
