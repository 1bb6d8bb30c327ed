import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Template } from '../../helpers/cxml';
import { inputError } from '../../helpers/validation';
import { apiListAll, apiRequest, cxmlScriptsPath } from '../../transport';

/*
 * The cXML Scripts this node writes (see docs/announce-and-add-participant.md): one per template,
 * created once per space and never changed or removed. A script is the node's only when its name
 * is the prefix and the hash of its Contents, and it is used only when its Contents are exactly the
 * template: nothing else in the space is ever used or touched, and the space is never listed.
 */

/** Leaves room for the script's own URL under the 8 KB request line common web servers accept. */
const MAX_QUERY_LENGTH = 7000;

export interface ScriptUse {
	sid: string;
	name: string;
	/** The script's URL, without the values. */
	requestUrl: string;
	/** Whether the script already existed. */
	reused: boolean;
}

function scriptName(contents: string): string {
	const hash = createHash('sha256').update(contents, 'utf8').digest('hex');
	return `n8n-conference-template-${hash.slice(0, 32)}`;
}

/**
 * The template's values as the script URL's query string, checked before any request. `%20` for
 * spaces, which every decoder reads as a space (a `+` is read as one only in form encoding).
 */
export function templateQuery(
	context: IExecuteFunctions,
	template: Template,
	itemIndex: number,
): string {
	const query = Object.entries(template.parameters)
		.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
		.join('&');
	if (query.length > MAX_QUERY_LENGTH) {
		throw inputError(
			context,
			itemIndex,
			`The values are ${query.length.toLocaleString('en-US')} characters long once URL-encoded into the cXML Script's URL: at most ${MAX_QUERY_LENGTH.toLocaleString('en-US')} fit`,
			'Shorten the text: letters outside ASCII take 6 to 12 characters each once encoded. Or split it into several announcements.',
		);
	}
	return query;
}

/** The script as the node uses it, or undefined without a sid or a plain http(s) `request_url`. */
function useOf(script: IDataObject, reused: boolean): ScriptUse | undefined {
	const url = script.request_url;
	if (typeof script.sid !== 'string' || typeof url !== 'string' || !URL.canParse(url)) {
		return undefined;
	}
	const parsed = new URL(url);
	if (!['https:', 'http:'].includes(parsed.protocol) || parsed.search !== '') return undefined;
	return { sid: script.sid, name: String(script.name), requestUrl: url, reused };
}

/** The script holding `contents`, found by its exact name, or created. */
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
	// Written by this node for exactly `contents`: the name is the hash, the Contents identical.
	// Two runs that created the template at the same moment leave two copies: any one will do.
	for (const script of sameName) {
		const found = script.name === name && script.contents === contents;
		const use = found ? useOf(script, true) : undefined;
		if (use !== undefined) return use;
	}
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
	const use = useOf(created, false);
	if (use !== undefined) return use;
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

/** The scripts of one run of the node: items with the same template share one lookup. */
const scriptsOfRun = new WeakMap<IExecuteFunctions, Map<string, Promise<ScriptUse>>>();

/**
 * The script for `template`, shared by the items of this run. An item that waited for another's
 * lookup and saw it fail looks up itself, so that the error it reports is its own.
 */
async function obtainScript(
	context: IExecuteFunctions,
	template: Template,
	itemIndex: number,
): Promise<ScriptUse> {
	const run = scriptsOfRun.get(context) ?? new Map<string, Promise<ScriptUse>>();
	scriptsOfRun.set(context, run);
	const { contents } = template;
	const shared = await run.get(contents)?.catch(() => undefined);
	if (shared !== undefined) return { ...shared, reused: true };
	const own = findOrCreateScript(context, contents, itemIndex);
	run.set(contents, own);
	return await own.catch((error: unknown) => {
		if (run.get(contents) === own) run.delete(contents);
		throw error;
	});
}

/**
 * The script for `template` and the URL SignalWire fetches: the script's, with this item's values
 * (checked before any request).
 */
export async function templateScript(
	context: IExecuteFunctions,
	template: Template,
	itemIndex: number,
): Promise<{ script: ScriptUse; url: string }> {
	const query = templateQuery(context, template, itemIndex);
	const script = await obtainScript(context, template, itemIndex);
	return { script, url: `${script.requestUrl}?${query}` };
}
