import type {Writable} from 'stream'

/** Resolves when `out` can take more, rejects if it fails or closes first. */
export function writeChunk(out: Writable, chunk: string | Buffer, stats?: {bytes: number}): Promise<void> | undefined {
    if (stats) stats.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
    if (out.write(chunk)) return undefined
    return new Promise<void>((resolve, reject) => {
        const done = (e?: Error) => {
            out.off('drain', ok)
            out.off('error', done)
            out.off('close', closed)
            e ? reject(e) : resolve()
        }
        const ok = () => done()
        const closed = () => done(new Error('output closed'))
        out.once('drain', ok)
        out.once('error', done)
        out.once('close', closed)
    })
}
