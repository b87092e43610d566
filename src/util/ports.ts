import net from 'net'

/** A TCP port that was free a moment ago on `host` (the OS picks it). */
export function freePort(host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer()
        srv.unref()
        srv.on('error', reject)
        srv.listen(0, host, () => {
            const port = (srv.address() as net.AddressInfo).port
            srv.close(() => resolve(port))
        })
    })
}

/** Whether something accepts connections on `host:port`. */
export async function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
    return new Promise((resolve) => {
        const sock = net.connect({port, host})
        sock.once('connect', () => {
            sock.destroy()
            resolve(true)
        })
        sock.once('error', () => resolve(false))
    })
}
