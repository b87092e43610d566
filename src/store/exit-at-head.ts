import {TypeormDatabase} from '@subsquid/typeorm-store'

/** The chain head when the processor starts (for `EXIT_AT_HEAD`). */
export async function headAtStart(rpcUrl: string): Promise<number> {
    const url = rpcUrl.replace(/^ws/, 'http')
    const res = await fetch(url, {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify({jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: []}),
    }).catch((e) => {
        throw new Error(`cannot reach RPC ${url}: ${e.message}`)
    })
    const body: any = await res.json()
    if (body.error) throw new Error(`eth_blockNumber failed on ${url}: ${body.error.message}`)
    return Number(BigInt(body.result))
}

/**
 * Wraps the database so that the process exits (code 0) right after the transaction that
 * reaches `target` has committed: a batch job indexes up to the head it saw at start and stops.
 */
export function exitAtHead(db: TypeormDatabase, target: number): TypeormDatabase {
    const done = (height: number) => {
        if (height >= target) {
            console.log(`indexed up to block ${height} (head at start: ${target}); exiting`)
            process.exit(0)
        }
    }
    const transact = db.transact.bind(db)
    const transactHot = db.transactHot.bind(db)
    const transactHot2 = db.transactHot2.bind(db)
    db.transact = async (info, cb) => {
        await transact(info, cb)
        done(info.nextHead.height)
    }
    db.transactHot = async (info, cb) => {
        await transactHot(info, cb)
        done(info.newBlocks[info.newBlocks.length - 1]?.height ?? info.finalizedHead.height)
    }
    db.transactHot2 = async (info, cb) => {
        await transactHot2(info, cb)
        done(info.newBlocks[info.newBlocks.length - 1]?.height ?? info.finalizedHead.height)
    }
    return db
}
