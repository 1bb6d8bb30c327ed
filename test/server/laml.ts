import { newSid } from './format';
import type { Reply } from './replies';
import { badRequest, notFound } from './replies';
import type { Store } from './store';

/** A cXML Script ("LamlBin"): a document on the space that SignalWire serves at its request_url. */
export interface ScriptRecord {
	sid: string;
	name: string;
	contents: string;
	createdAt: Date;
	updatedAt: Date;
	lastAccessedAt: Date | null;
	numRequests: number;
}

export const EMPTY_SCRIPT = '<Response></Response>';

/** cXML Script dates are ISO 8601, unlike the RFC 2822 dates of conferences and calls. */
function iso(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function scriptJson(store: Store, script: ScriptRecord): Record<string, unknown> {
	return {
		sid: script.sid,
		date_created: iso(script.createdAt),
		date_updated: iso(script.updatedAt),
		date_last_accessed: script.lastAccessedAt ? iso(script.lastAccessedAt) : null,
		account_sid: store.projectId,
		name: script.name,
		contents: script.contents,
		request_url: `${store.publicOrigin}/laml-bins/${script.sid}`,
		num_requests: script.numRequests,
		api_version: '2010-04-01',
		uri: `${store.accountPath()}/LamlBins/${script.sid}`,
	};
}

/** Newest first, as the spec says; `Name` filters by the exact name. */
export function listScripts(store: Store, query: URLSearchParams) {
	const name = query.get('Name');
	const items = [...store.scripts.values()]
		.filter((script) => name === null || script.name === name)
		.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.sid.localeCompare(b.sid));
	return { items, toJson: (script: ScriptRecord) => scriptJson(store, script) };
}

function readScriptForm(form: URLSearchParams): { name: string; contents: string | null } | Reply {
	const name = form.get('Name');
	if (name === null || name === '') return badRequest(21100, 'Name is required');
	for (const [field] of form) {
		if (field !== 'Name' && field !== 'Contents')
			return badRequest(21101, `Unknown field ${field}`);
	}
	return { name, contents: form.get('Contents') };
}

export function createScript(store: Store, form: URLSearchParams): Reply {
	const read = readScriptForm(form);
	if ('status' in read) return read;
	const now = store.now();
	const script: ScriptRecord = {
		sid: newSid(),
		name: read.name,
		contents: read.contents ?? EMPTY_SCRIPT,
		createdAt: now,
		updatedAt: now,
		lastAccessedAt: null,
		numRequests: 0,
	};
	store.scripts.set(script.sid, script);
	return { status: 201, body: scriptJson(store, script) };
}

export function routeScript(
	store: Store,
	method: string,
	sid: string,
	path: string,
	form: URLSearchParams,
): Reply {
	const script = store.scripts.get(sid);
	if (!script) return notFound(path);
	if (method === 'GET') return { status: 200, body: scriptJson(store, script) };
	if (method === 'POST') {
		const read = readScriptForm(form);
		if ('status' in read) return read;
		script.name = read.name;
		if (read.contents !== null) script.contents = read.contents;
		script.updatedAt = store.now();
		return { status: 200, body: scriptJson(store, script) };
	}
	if (method === 'DELETE') {
		store.scripts.delete(sid);
		return { status: 204 };
	}
	return { status: 405, body: { message: `Method ${method} not allowed` } };
}

/** A fetch of a script's request_url, as SignalWire counts it; undefined when it is gone. */
export function fetchScript(store: Store, sid: string): string | undefined {
	const script = store.scripts.get(sid);
	if (!script) return undefined;
	script.numRequests++;
	script.lastAccessedAt = store.now();
	return script.contents;
}

/** The script sid when `url` is a request_url of this sandbox. */
export function localScriptSid(store: Store, url: string): string | undefined {
	if (!URL.canParse(url)) return undefined;
	const parsed = new URL(url);
	if (parsed.origin !== store.publicOrigin) return undefined;
	return /^\/laml-bins\/([^/]+)$/.exec(parsed.pathname)?.[1];
}
