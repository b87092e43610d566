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

/** A port the user is told to set, and the program that could not listen on it. */
export interface PortInUse {
    /** What could not start, e.g. `embedded Postgres`. */
    what: string
    port: number
    /** The variable that chooses the port, e.g. `DB_PORT`. */
    variable: string
    /** A port that was free when the message was made (see `suggestFreePort`). */
    example: number
    /** Another way out, e.g. `or DATABASE_URL to use that server`. */
    alternative?: string
}

/**
 * One line that names the variable and a concrete free value to copy, e.g.
 *   cannot start embedded Postgres: port 54320 is in use by another program; set DB_PORT to a free port, e.g. DB_PORT=54321 npm start
 */
export function portInUseMessage(p: PortInUse): string {
    return `cannot start ${p.what}: port ${p.port} is in use by another program; set ${p.variable} to a free port, e.g. ${p.variable}=${p.example} npm start${p.alternative ? ` (${p.alternative})` : ''}`
}

/**
 * A free port to suggest instead of `near`: the first of the next 20 ports nobody listens on and
 * that can be bound (a memorable neighbour), else one the OS picks. `avoid` are ports the same
 * run will use, so that one suggestion does not collide with another variable's port.
 */
export async function suggestFreePort(near: number, host = '127.0.0.1', avoid: readonly number[] = []): Promise<number> {
    for (let p = near + 1; p <= Math.min(65535, near + 20); p++) {
        if (avoid.includes(p)) continue
        if (!(await isPortInUse(p, host)) && (await canListen(p, host))) return p
    }
    return freePort(host)
}

/** Whether this process could listen on `host:port` now (the port is closed again at once). */
export function canListen(port: number, host = '127.0.0.1'): Promise<boolean> {
    return new Promise((resolve) => {
        const srv = net.createServer()
        srv.unref()
        srv.once('error', () => resolve(false))
        srv.listen(port, host, () => srv.close(() => resolve(true)))
    })
}
