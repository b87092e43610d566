import {loadProcessorConfig} from './config/env'
import {processBatch} from './mapping/batch'
import {EventDecoder} from './mapping/decode'
import {squidMetrics} from './metrics'
import {buildProcessor} from './processor'
import {installRpcRetryPolicy} from './rpc/retry-policy'
import {ResilientDatabase} from './store/database'
import {exitAtHead, headAtStart} from './store/exit-at-head'
import {deepReorgCheck} from './store/fork-check'

async function main() {
    const cfg = loadProcessorConfig()
    installRpcRetryPolicy()
    const processor = buildProcessor(cfg)
    const decoder = new EventDecoder(cfg.manifest)
    const onCommitted = cfg.exitAtHead ? exitAtHead(await headAtStart(cfg.rpcUrl)) : undefined
    const db = new ResilientDatabase({
        supportHotBlocks: true,
        stateSchema: 'squid_processor',
        onCommitted,
        reindex: cfg.reindex,
        checkFinalizedHead: deepReorgCheck({rpcUrl: cfg.rpcUrl, finalityConfirmation: cfg.finalityConfirmation, startBlock: cfg.fromBlock}),
    })
    const metrics = squidMetrics(processor)
    processor.run(db, async (ctx) => {
        const stats = await processBatch(ctx, cfg.manifest, decoder)
        for (const [kind, n] of Object.entries(stats.skippedByKind)) metrics.skippedLogs.inc({kind}, n)
    })
}

/** Exit code when the processor cannot start (configuration, manifest, head probe): a restart cannot help. */
export const EXIT_CANNOT_START = 2

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(EXIT_CANNOT_START)
})
