/**
 * npm run devnet [-- --port 8545] [--manifest FILE] [--load-state FILE] [--no-fund]
 * Starts anvil, deploys and wires the protocol, funds and delegates the simulated accounts,
 * writes the deployment manifest and keeps running until Ctrl-C.
 */
import path from 'path'
import {parseArgs} from 'util'
import {startDevnet} from '../devnet/devnet'

async function main() {
    const {values} = parseArgs({
        options: {
            port: {type: 'string', default: process.env.DEVNET_PORT ?? '8545'},
            manifest: {type: 'string', default: process.env.MANIFEST ?? '.data/deployment.json'},
            'load-state': {type: 'string'},
            'no-fund': {type: 'boolean', default: false},
        },
    })
    const port = Number(values.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`)
    const devnet = await startDevnet({
        port,
        manifestFile: path.resolve(values.manifest!),
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
