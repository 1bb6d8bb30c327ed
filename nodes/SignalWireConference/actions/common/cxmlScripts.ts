import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { parseApiDate } from '../../helpers/apiDate';
import { apiListAll, apiRequest, cxmlScriptPath, cxmlScriptsPath } from '../../transport';

/**
 * The lifecycle of the cXML Scripts this node writes (see docs/announce-and-add-participant.md):
 *
 * - One script per distinct document, named with a recognisable prefix and the document's hash.
 *   A script is the node's only when its name has exactly that form and is the hash of its
 *   Contents: nothing else in the space is ever reused or removed.
 * - A script is reused only while it is fresh: last created, updated or fetched less than
 *   REUSE_WITHIN_MS ago. Items of one run with the same document share one script.
 * - A run that creates a script removes the node's older copies of the same document (found by
 *   the exact name, in the lookup made before creating it) that have been idle for RETIRE_AFTER_MS
 *   or more, at most MAX_REMOVALS_PER_RUN. The space is never listed as a whole.
 *
 * Why this never removes a script SignalWire still has to fetch: a script is handed out only while
 * it is fresh, and SignalWire fetches it at the latest when the call it was given to answers (a
 * call rings for at most 600 seconds), so a script in use is never idle for 20 minutes; the rest of
 * RETIRE_AFTER_MS absorbs clock differences between n8n instances.
 */
export const SCRIPT_NAME_PREFIX = 'n8n-conference-cxml-';
export const REUSE_WITHIN_MS = 10 * 60_000;
export const RETIRE_AFTER_MS = 30 * 60_000;
export const MAX_REMOVALS_PER_RUN = 20;
/** The prefix and the 32 hex digits of scriptName(): the only names the node reuses or removes. */
const SCRIPT_NAME_PATTERN = /^n8n-conference-cxml-[0-9a-f]{32}$/;

export interface ScriptUse {
	sid: string;
	name: string;
	requestUrl: string;
	/** Whether an existing script with the same document was used instead of a new one. */
	reused: boolean;
	/** Older copies of the same document, idle long enough to be removed after this one is used. */
	retiredSids?: string[];
}

export interface Cleanup {
	/** How many retired scripts this run removed. */
	removed: number;
	/** Why the clean-up stopped early, if it did; the announcement itself was made. */
	error?: string;
}

export function scriptName(contents: string): string {
	return (
		SCRIPT_NAME_PREFIX + createHash('sha256').update(contents, 'utf8').digest('hex').slice(0, 32)
	);
}

/** When the script was last created, updated or fetched, in ms since the epoch. */
function lastActive(script: IDataObject): number {
	return Math.max(
		parseApiDate(script.date_created) ?? 0,
		parseApiDate(script.date_updated) ?? 0,
		parseApiDate(script.date_last_accessed) ?? 0,
	);
}

/** Written by this node: the exact name form, and the name is the hash of the Contents. */
function isOurs(script: IDataObject): boolean {
	return (
		typeof script.name === 'string' &&
		SCRIPT_NAME_PATTERN.test(script.name) &&
		typeof script.contents === 'string' &&
		scriptName(script.contents) === script.name
	);
}

function requestUrlOf(script: IDataObject): string | undefined {
	const url = script.request_url;
	if (typeof url !== 'string' || !URL.canParse(url)) return undefined;
	return ['https:', 'http:'].includes(new URL(url).protocol) ? url : undefined;
}

function toUse(
	context: IExecuteFunctions,
	script: IDataObject,
	reused: boolean,
	itemIndex: number,
): ScriptUse {
	const requestUrl = requestUrlOf(script);
	if (typeof script.sid !== 'string' || requestUrl === undefined) {
		throw new NodeApiError(
			context.getNode(),
			{ message: 'SignalWire answered without the cXML Script URL' },
			{
				itemIndex,
				message: 'SignalWire answered without the cXML Script URL (request_url)',
				description:
					'The cXML Script could not be used, so nothing was announced or called. Check the Space URL in the credentials: it must point at your SignalWire space.',
			},
		);
	}
	return { sid: script.sid, name: String(script.name), requestUrl, reused };
}

/**
 * A cXML Script holding exactly `contents`: a fresh one the node wrote with that document if there
 * is one, else a new one. Nothing is created when the lookup fails.
 */
async function findOrCreateScript(
	context: IExecuteFunctions,
	contents: string,
	itemIndex: number,
): Promise<ScriptUse> {
	const name = scriptName(contents);
	const sameName = await apiListAll(context, { resource: cxmlScriptsPath() }, itemIndex, {
		listKey: 'laml_bins',
		query: { Name: name },
		limit: 50,
	});
	const now = Date.now();
	const copies = sameName.filter(
		(script) =>
			script.name === name &&
			script.contents === contents &&
			isOurs(script) &&
			typeof script.sid === 'string',
	);
	const fresh = copies
		.filter((script) => requestUrlOf(script) !== undefined)
		.filter((script) => now - lastActive(script) < REUSE_WITHIN_MS)
		.sort((a, b) => lastActive(b) - lastActive(a))[0];
	if (fresh !== undefined) return toUse(context, fresh, true, itemIndex);
	const scripts = {
		resource: cxmlScriptsPath(),
		notFound:
			'SignalWire has no cXML Scripts endpoint at this address: check the Space URL in the credentials.',
	};
	const created = await apiRequest(context, scripts, itemIndex, {
		method: 'POST',
		form: { Name: name, Contents: contents },
		sentValues: { Name: name },
	});
	const use = toUse(context, created, false, itemIndex);
	use.retiredSids = copies
		.filter((script) => script.sid !== use.sid && now - lastActive(script) >= RETIRE_AFTER_MS)
		.sort((a, b) => lastActive(a) - lastActive(b))
		.slice(0, MAX_REMOVALS_PER_RUN)
		.map((script) => String(script.sid));
	return use;
}

/** The scripts of one run of the node by document: items with the same document share one. */
const scriptsOfRun = new WeakMap<IExecuteFunctions, Map<string, Promise<ScriptUse>>>();

/**
 * A cXML Script holding exactly `contents`, shared by the items of this run that announce or dial
 * the same document. An item that waited for another's script and saw it fail looks up itself,
 * so that the error it reports is its own.
 */
export async function obtainScript(
	context: IExecuteFunctions,
	contents: string,
	itemIndex: number,
): Promise<ScriptUse> {
	let run = scriptsOfRun.get(context);
	if (run === undefined) {
		run = new Map();
		scriptsOfRun.set(context, run);
	}
	const shared = run.get(contents);
	if (shared !== undefined) {
		const found = await shared.then(
			(use) => use,
			() => undefined,
		);
		if (found !== undefined)
			return { sid: found.sid, name: found.name, requestUrl: found.requestUrl, reused: true };
	}
	const own = findOrCreateScript(context, contents, itemIndex);
	run.set(contents, own);
	return await own.catch((error: unknown) => {
		if (run.get(contents) === own) run.delete(contents);
		throw error;
	});
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Once `script` was handed to SignalWire, a run that created it removes the older copies of the
 * same document found before creating it (ScriptUse.retiredSids). A failure stops the clean-up and
 * is reported, not thrown: the announcement or call it follows has already been made.
 */
export async function removeRetiredScripts(
	context: IExecuteFunctions,
	script: ScriptUse | undefined,
	itemIndex: number,
): Promise<Cleanup | undefined> {
	if (script === undefined || script.reused) return undefined;
	let removed = 0;
	for (const sid of script.retiredSids ?? []) {
		const target = {
			resource: cxmlScriptPath(sid),
			notFound: `cXML Script ${sid} is already gone`,
		};
		try {
			await apiRequest(context, target, itemIndex, { method: 'DELETE' });
			removed++;
		} catch (error) {
			// Another run removed it first: it is gone, which is all that was wanted.
			if (error instanceof NodeApiError && error.httpCode === '404') continue;
			return { removed, error: `Removing cXML Script ${sid} failed: ${messageOf(error)}` };
		}
	}
	return { removed };
}

/** The script as the output shows it, with what the clean-up did. */
export function describeScript(script: ScriptUse, cleanup: Cleanup | undefined): IDataObject {
	const described: IDataObject = {
		sid: script.sid,
		name: script.name,
		requestUrl: script.requestUrl,
		reused: script.reused,
	};
	if (cleanup !== undefined) {
		described.retiredScriptsRemoved = cleanup.removed;
		if (cleanup.error !== undefined) described.cleanupError = cleanup.error;
	}
	return described;
}
