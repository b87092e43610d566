import {Field, Int, ObjectType, Query, Resolver} from 'type-graphql'
import {readEnv} from '../../config/schema'
import {API_LIMITS} from '../limits'

@ObjectType({description: 'Limits this API enforces, so clients can page and batch within them.'})
export class ApiLimits {
    @Field(() => Int, {description: 'Largest accepted request body, in kilobytes.'})
    maxRequestSizeKb!: number
    @Field(() => Int, {description: 'Most root fields per query.'})
    maxRootFields!: number
    @Field(() => Int, {description: 'Most nodes a response may hold (entity lists need a `limit`).'})
    maxResponseNodes!: number
    @Field(() => Int, {description: 'SQL statement timeout in milliseconds.'})
    sqlStatementTimeoutMs!: number
    @Field(() => Int, {description: 'How long responses are cached, in milliseconds (0: no response cache, API_RESPONSE_CACHE=off).'})
    cacheTtlMs!: number
}

@Resolver()
export class ApiInfoResolver {
    @Query(() => ApiLimits, {description: 'The limits this API enforces.'})
    apiLimits(): ApiLimits {
        const cached = readEnv(process.env, ['API_RESPONSE_CACHE']).API_RESPONSE_CACHE
        return Object.assign(new ApiLimits(), API_LIMITS, {cacheTtlMs: cached ? API_LIMITS.cacheTtlMs : 0})
    }
}
