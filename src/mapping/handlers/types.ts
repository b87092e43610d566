import type {EventOf, ProtocolEvent} from '../decode'
import type {BatchState} from '../state'

export type Kind = ProtocolEvent['kind']

/** How one event kind is handled: `want` declares the rows to preload, `apply` mutates them. */
export interface Handler<K extends Kind> {
    want?(s: BatchState, ev: EventOf<K>): void
    apply(s: BatchState, ev: EventOf<K>): void
}

export type HandlerTable<K extends Kind> = {[P in K]: Handler<P>}
