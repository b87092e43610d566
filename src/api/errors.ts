/** Errors the API resolvers report to clients. */

/**
 * A rejected argument: a GraphQL error with extensions.code = BAD_USER_INPUT and a message that
 * says what is accepted. Thrown by every resolver's argument validation (attribution, analytics).
 */
export class ArgumentError extends Error {
    readonly extensions = {code: 'BAD_USER_INPUT'}
    constructor(message: string) {
        super(message)
        this.name = 'ArgumentError'
    }
}
