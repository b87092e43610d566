import {freePort} from '../../src/util/ports'
import {startApi} from '../../local/api'
import {createApiLogin, dropApiLogin, NoApiLogin} from '../../local/api-login'
import type {NodeChild} from '../../local/child'
import {waitFor} from './processor'

export interface TestApi {
    url: string
    port: number
    child: NodeChild
    /** The API's own database login (a role made for this API and dropped by stop()), or undefined when it reads as the owner. */
    login?: string
    gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{status: number; body: {data?: T; errors?: {message: string}[]}}>
    stop(): Promise<void>
}

let logins = 0

/**
 * Starts the real API process (lib/api/main.js) on a free port, with extra `env`, and waits until it answers.
 * Like `npm start`, it logs in with its own read-only login (local/api-login.ts), made on `dbUrl` (the
 * owner's) with a name of its own, so that APIs side by side keep their passwords; `login: 'owner'`
 * (or a server where the owner may not create roles) makes it read as the owner.
 */
export async function startTestApi(dbUrl: string, opts: {env?: NodeJS.ProcessEnv; login?: 'own' | 'owner'} = {}): Promise<TestApi> {
    const port = await freePort()
    let login: string | undefined
    let apiUrl = dbUrl
    if (opts.login !== 'owner') {
        try {
            const made = await createApiLogin(dbUrl, {role: `sahara_api_test_${process.pid}_${++logins}`})
            login = made.login
            apiUrl = made.url
        } catch (e) {
            if (!(e instanceof NoApiLogin)) throw e
            console.warn(`the test API reads as the owner: ${e.message}`)
        }
    }
    const dropLogin = async () => {
        if (login) await dropApiLogin(dbUrl, login).catch(() => {})
    }
    const child = startApi({dbUrl: apiUrl, port, verbose: !!process.env.VERBOSE, env: opts.env})
    const url = `http://127.0.0.1:${port}`
    const gql = async (query: string, variables?: Record<string, unknown>) => {
        const res = await fetch(`${url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query, variables})})
        const text = await res.text()
        let body: any
        try {
            body = JSON.parse(text)
        } catch {
            body = {errors: [{message: text}]}
        }
        return {status: res.status, body}
    }
    try {
        await waitFor('the API to answer', async () => {
            if (child.exitCode != null || child.signalCode != null) throw new Error(`API exited with ${child.exitCode ?? child.signalCode}:\n${child.output().slice(-5000)}`)
            try {
                return (await gql('{ squidStatus { height } }')).status === 200
            } catch {
                return false
            }
        }, 60_000, 100)
    } catch (e) {
        await child.stop('SIGKILL')
        await dropLogin()
        throw e
    }
    return {
        url,
        port,
        child,
        login,
        gql,
        async stop() {
            await child.stop()
            await dropLogin()
        },
    }
}
