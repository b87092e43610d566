import {TypeormDatabase} from '@subsquid/typeorm-store'
import {loadProcessorConfig} from './config/env'
import {processBatch} from './mapping/batch'
import {EventDecoder} from './mapping/decode'
import {buildProcessor} from './processor'
import {exitAtHead, headAtStart} from './store/exit-at-head'

async function main() {
    const cfg = loadProcessorConfig()
    const processor = buildProcessor(cfg)
    const decoder = new EventDecoder(cfg.manifest)
    let db = new TypeormDatabase({supportHotBlocks: true, stateSchema: 'squid_processor'})
    if (cfg.exitAtHead) db = exitAtHead(db, await headAtStart(cfg.rpcUrl))
    processor.run(db, async (ctx) => {
        await processBatch(ctx, cfg.manifest, decoder)
    })
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})
