import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { apiListAll, apiRequest, callsPath, isUnconfirmedWrite } from '../../transport';

/** SignalWire's date_created has whole seconds, and its clock is not n8n's. */
const CLOCK_TOLERANCE_MS = 10_000;
/** More calls than this to one number within seconds would not be this node's one request. */
const LOOKUP_LIMIT = 20;

function describeCall(call: IDataObject): string {
	return `${String(call.sid)} (status: ${String(call.status ?? 'unknown')})`;
}

/** What the lookup of the calls from `From` to `To` since `sentAt` found, in words. */
async function lookUp(
	context: IExecuteFunctions,
	form: { To: string; From: string },
	sentAt: Date,
	itemIndex: number,
): Promise<{ finding: string; advice: string }> {
	const since = sentAt.getTime() - CLOCK_TOLERANCE_MS;
	let calls: IDataObject[];
	try {
		calls = await apiListAll(context, { resource: callsPath() }, itemIndex, {
			listKey: 'calls',
			query: { To: form.To, From: form.From },
			limit: LOOKUP_LIMIT,
		});
	} catch (error) {
		return {
			finding: `the lookup of recent calls failed too (${(error as Error).message})`,
			advice: "Check your SignalWire space's call log before running this item again.",
		};
	}
	const recent = calls.filter((call) => Date.parse(String(call.date_created)) >= since);
	if (recent.length === 0) {
		return {
			finding: 'the lookup found no call to that number since the request yet',
			advice:
				"It may still be placed: check your SignalWire space's call log before running this item again.",
		};
	}
	return {
		finding: `the lookup found ${recent.length === 1 ? 'call' : `${recent.length} calls since the request:`} ${recent.map(describeCall).join(', ')}`,
		advice: 'Do not run this item again: the person has been called.',
	};
}

/**
 * A 5xx may come from a proxy or gateway after it passed the request on (a 504 says exactly that):
 * the call may have been placed, so it is looked up like a lost answer.
 */
function isServerFailure(error: unknown): boolean {
	return error instanceof NodeApiError && /^5\d\d$/.test(String(error.httpCode ?? ''));
}

/**
 * Calls create, sent once. One that SignalWire did not confirm (a late answer, a connection lost
 * after the request was sent, a 5xx) may have placed the call: the transport never sends it again, and
 * the calls to that number since the request are looked up, so that the error says what happened.
 */
export async function placeCall(
	context: IExecuteFunctions,
	form: Record<string, string> & { To: string; From: string },
	itemIndex: number,
): Promise<IDataObject> {
	const calls = {
		resource: callsPath(),
		notFound:
			'SignalWire has no Calls endpoint at this address: check the Space URL in the credentials.',
	};
	const sentAt = new Date();
	try {
		return await apiRequest(context, calls, itemIndex, { method: 'POST', form });
	} catch (error) {
		if (!isUnconfirmedWrite(error) && !isServerFailure(error)) throw error as NodeApiError;
		const { finding, advice } = await lookUp(context, form, sentAt, itemIndex);
		const message = `The call to ${form.To} may have been placed: SignalWire did not confirm it, and ${finding}`;
		throw new NodeApiError(context.getNode(), { message } as JsonObject, {
			itemIndex,
			message,
			description: `${(error as Error).message}. ${advice} n8n's Retry On Fail would call again: leave it off for Add.`,
		});
	}
}
