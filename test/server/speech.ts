import type { CallRecord } from './calls';
import type { CxmlElement } from './cxmlReader';
import { parseCxml, renderMustache } from './cxmlReader';
import { fetchScript, localScriptSid } from './laml';
import type { ConferenceRecord, ParticipantRecord, Store } from './store';

/** What the sandbox would have played into a conference, from one announcement. */
export interface SaidRecord {
	conferenceSid: string;
	conference: string;
	/** The participant who alone heard it, or null for the whole conference. */
	participant: string | null;
	announceUrl: string;
	/**
	 * `Say` (spoken text), `Play` (audio), any other verb the document held, or `Unfetched` for a
	 * URL outside this machine, which the sandbox does not fetch.
	 */
	verb: string;
	text?: string;
	url?: string;
	voice?: string;
	language?: string;
	loop?: string;
	/** Why nothing was played, when the announcement could not be acted out. */
	error?: string;
	at: string;
}

/** Who a dial-out brought into which conference. */
export interface JoinedRecord {
	callSid: string;
	to: string;
	from: string;
	conferenceSid: string | null;
	conference: string | null;
	muted?: boolean;
	coach?: string;
	beep?: string;
	startConferenceOnEnter?: boolean;
	endConferenceOnExit?: boolean;
	/** Why the call did not join, when it did not. */
	error?: string;
	at: string;
}

type Loaded =
	| { document: CxmlElement }
	| { audio: string }
	| { remote: string }
	| { error: string };

const AUDIO_PATH = /\.(mp3|wav|wave|aiff?|gsm|ulaw)$/i;

function isLoopback(url: URL): boolean {
	return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function parse(source: string): Loaded {
	try {
		return { document: parseCxml(source) };
	} catch (error) {
		return { error: `invalid cXML: ${(error as Error).message}` };
	}
}

/**
 * What SignalWire would get from a URL it fetches: a script of this space (rendered as a Mustache
 * template with the request's parameters), audio, or a document from a server on this machine.
 * Nothing is fetched from anywhere else: the sandbox never reaches the internet.
 */
async function load(
	store: Store,
	url: string,
	method: string,
	parameters: Record<string, string>,
): Promise<Loaded> {
	const scriptSid = localScriptSid(store, url);
	if (scriptSid !== undefined) {
		const contents = fetchScript(store, scriptSid);
		if (contents === undefined) return { error: `404 from ${url}: the cXML Script is gone` };
		// Like SignalWire: the URL's query string and the request's own parameters fill the template.
		const query = Object.fromEntries(new URL(url).searchParams);
		return parse(renderMustache(contents, { ...query, ...parameters }));
	}
	const parsed = new URL(url);
	if (AUDIO_PATH.test(parsed.pathname)) return { audio: url };
	if (!isLoopback(parsed))
		return { error: `not fetched: the sandbox only fetches URLs on this machine (${url})` };
	try {
		const body = new URLSearchParams(parameters).toString();
		const response =
			method === 'GET'
				? await fetch(`${url}${url.includes('?') ? '&' : '?'}${body}`)
				: await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
						body,
					});
		const text = await response.text();
		if (!response.ok) return { error: `${response.status} from ${url}` };
		if (response.headers.get('content-type')?.startsWith('audio/')) return { audio: url };
		return parse(text);
	} catch (error) {
		return { error: `could not fetch ${url}: ${(error as Error).message}` };
	}
}

function spoken(element: CxmlElement): Partial<SaidRecord> {
	const { voice, language, loop } = element.attributes;
	const said: Partial<SaidRecord> = { verb: element.name };
	if (element.name === 'Say') said.text = element.text.trim();
	if (element.name === 'Play') said.url = element.text.trim();
	if (voice !== undefined) said.voice = voice;
	if (language !== undefined) said.language = language;
	if (loop !== undefined) said.loop = loop;
	return said;
}

/** An announcement (AnnounceUrl) acted out: what it says or plays is recorded in `store.said`. */
export async function actOutAnnouncement(
	store: Store,
	conference: ConferenceRecord,
	participant: ParticipantRecord | undefined,
	announceUrl: string,
	method: string,
): Promise<void> {
	const base = {
		conferenceSid: conference.sid,
		conference: conference.friendlyName,
		participant: participant?.callSid ?? null,
		announceUrl,
	};
	const parameters: Record<string, string> = {
		AccountSid: store.projectId,
		ConferenceSid: conference.sid,
		FriendlyName: conference.friendlyName,
		...(participant ? { CallSid: participant.callSid } : {}),
	};
	const loaded = await load(store, announceUrl, method, parameters);
	const at = store.now().toISOString();
	if ('error' in loaded) {
		store.said.push({ ...base, verb: 'none', error: loaded.error, at });
	} else if ('audio' in loaded) {
		store.said.push({ ...base, verb: 'Play', url: loaded.audio, at });
	} else if ('remote' in loaded) {
		store.said.push({ ...base, verb: 'Unfetched', url: loaded.remote, at });
	} else {
		for (const element of loaded.document.children)
			store.said.push({ ...base, ...spoken(element), at } as SaidRecord);
	}
}

function dialedConference(document: CxmlElement): CxmlElement | undefined {
	const dial = document.children.find((element) => element.name === 'Dial');
	return dial?.children.find((element) => element.name === 'Conference');
}

function flag(value: string | undefined): boolean | undefined {
	return value === undefined ? undefined : value === 'true';
}

/**
 * The call answers: its Url is fetched and, when the cXML dials a conference, the person joins it
 * (the running conference of that name, else a new one), which sends participant-join.
 */
export async function answerCall(store: Store, call: CallRecord): Promise<void> {
	const base = { callSid: call.sid, to: call.to, from: call.from };
	const parameters: Record<string, string> = {
		AccountSid: store.projectId,
		CallSid: call.sid,
		From: call.from,
		To: call.to,
		CallStatus: 'in-progress',
		Direction: 'outbound-api',
		ApiVersion: '2010-04-01',
	};
	const url = call.parameters.Url;
	const loaded = url
		? await load(store, url, call.parameters.Method ?? 'POST', parameters)
		: { error: 'no Url' };
	const fail = (error: string) => {
		call.status = 'failed';
		call.updatedAt = store.now();
		store.joined.push({
			...base,
			conferenceSid: null,
			conference: null,
			error,
			at: store.now().toISOString(),
		});
	};
	if (!('document' in loaded))
		return fail('error' in loaded ? loaded.error : 'the Url is audio, not cXML');
	const element = dialedConference(loaded.document);
	if (element === undefined) return fail('the cXML does not dial a conference');
	const name = element.text.trim();
	const { beep, coach } = element.attributes;
	let conference = store
		.listConferences()
		.find((candidate) => candidate.friendlyName === name && candidate.status !== 'completed');
	if (coach !== undefined && conference?.participants.get(coach)?.status !== 'in-progress') {
		return fail(`13240: coach ${coach} is not connected to the conference`);
	}
	const startsIt = conference === undefined || conference.status === 'init';
	conference ??= store.addConference({
		friendlyName: name,
		status: 'init',
		createdAt: store.now(),
	});
	if (startsIt) conference.status = 'in-progress';
	call.status = 'in-progress';
	call.updatedAt = store.now();
	const muted = flag(element.attributes.muted);
	const startConferenceOnEnter = flag(element.attributes.startConferenceOnEnter);
	const endConferenceOnExit = flag(element.attributes.endConferenceOnExit);
	const participant = store.addParticipant(conference, {
		callSid: call.sid,
		call: { from: call.from, to: call.to, direction: 'outbound' },
		muted: muted ?? false,
		coaching: coach !== undefined,
		callSidToCoach: coach ?? null,
		startConferenceOnEnter: startConferenceOnEnter ?? true,
		endConferenceOnExit: endConferenceOnExit ?? false,
	});
	if (startsIt) store.onEvent('conference-start', conference);
	store.onEvent('participant-join', conference, participant);
	const joined: JoinedRecord = {
		...base,
		conferenceSid: conference.sid,
		conference: conference.friendlyName,
		at: store.now().toISOString(),
	};
	if (muted !== undefined) joined.muted = muted;
	if (coach !== undefined) joined.coach = coach;
	if (beep !== undefined) joined.beep = beep;
	if (startConferenceOnEnter !== undefined) joined.startConferenceOnEnter = startConferenceOnEnter;
	if (endConferenceOnExit !== undefined) joined.endConferenceOnExit = endConferenceOnExit;
	store.joined.push(joined);
}
