/** A database URL with its password replaced by ***, for logs and messages. */
export function redact(url: string): string {
    return url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@')
}
