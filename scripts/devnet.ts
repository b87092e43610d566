/**
 * npm run devnet [-- --port 8545] [--manifest FILE] [--load-state FILE] [--no-fund]
 * (defaults: DEVNET_PORT, MANIFEST, else <DATA_DIR>/devnet/deployment.json: the manifest npm start uses)
 * Starts anvil, deploys and wires the protocol, funds and delegates the simulated accounts,
 * writes the deployment manifest and keeps running until Ctrl-C.
 */
import path from 'path'
import {parseArgs} from 'util'
import {startDevnet} from '../devnet/devnet'
import {loadDevnetConfig} from '../src/config/local'
import {parsePort} from '../src/config/schema'

async function main() {
    const cfg = loadDevnetConfig(process.env)
    const {values} = parseArgs({
        options: {
            port: {type: 'string'},
            manifest: {type: 'string'},
            'load-state': {type: 'string'},
            'no-fund': {type: 'boolean', default: false},
        },
    })
    const port = parsePort('--port', values.port, cfg.port)
    const devnet = await startDevnet({
        port,
        manifestFile: values.manifest ? path.resolve(values.manifest) : cfg.manifestFile,
        loadState: values['load-state'],
        fund: !values['no-fund'],
        log: console.log,
    })
    console.log(`devnet ready: ${devnet.anvil.rpcUrl} (chain ${devnet.manifest.chainId}), manifest ${devnet.manifestFile}`)
    console.log('Ctrl-C to stop')
    const stop = async () => {
        await devnet.stop()
        process.exit(0)
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})
