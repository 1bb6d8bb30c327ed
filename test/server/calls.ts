import type { Reply } from './replies';
import { notFound } from './replies';
import type { Store } from './store';
import { callJson } from './store';

/** `GET /Calls/{Sid}`: the call of a participant, past or present (only those calls exist here). */
export function getCall(store: Store, callSid: string, path: string): Reply {
	const participant = store.findCall(callSid);
	return participant ? { status: 200, body: callJson(store, participant) } : notFound(path);
}
