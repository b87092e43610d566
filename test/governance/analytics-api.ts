/**
 * The real API process (lib/api/main.js: GraphQL server with the analytics resolvers, behind the
 * gateway) on a free port, for end-to-end tests of the analytics resolvers over HTTP.
 */
import {startTestApi, type TestApi} from '../helpers/api'
import {waitFor} from '../helpers/processor'

export interface GraphqlResult<T = any> {
    data?: T
    errors?: {message: string; extensions?: {code?: string}}[]
}

export interface AnalyticsApi {
    url: string
    /** Posts a query; returns data and errors as the server sent them. */
    request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>
    /** Posts a query and fails on any GraphQL error. */
    query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>
    stop(): Promise<void>
}

/** Starts the API on `dbUrl` and waits until `{ squidStatus { height } }` reports `height`. */
export async function startAnalyticsApi(dbUrl: string, height: number): Promise<AnalyticsApi> {
    const test = await startTestApi(dbUrl)
    try {
        return await analyticsApiOf(test, height)
    } catch (e) {
        await test.stop()
        throw e
    }
}

/** An API already started (e.g. by the economy fixture), once `{ squidStatus { height } }` reports `height`. */
export async function analyticsApiOf(test: TestApi, height: number): Promise<AnalyticsApi> {
    const request = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> =>
        (await test.gql<T>(query, variables)).body as GraphqlResult<T>
    const api: AnalyticsApi = {
        url: `${test.url}/graphql`,
        request,
        async query<T>(query: string, variables?: Record<string, unknown>) {
            const r = await request<T>(query, variables)
            if (r.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}\nquery: ${query}`)
            return r.data!
        },
        stop: () => test.stop(),
    }
    await waitFor(`the API to report height ${height}`, async () => {
        const r = await request<{squidStatus: {height: number}}>('{ squidStatus { height } }').catch(() => undefined)
        return r?.data?.squidStatus?.height === height
    }, 60_000, 200)
    return api
}

/** The first error message of a request that must fail, with its code. */
export async function expectError(api: AnalyticsApi, query: string): Promise<{message: string; code?: string}> {
    const r = await api.request(query)
    if (!r.errors?.length) throw new Error(`expected an error from ${query}, got ${JSON.stringify(r.data)}`)
    return {message: r.errors[0].message, code: r.errors[0].extensions?.code}
}
