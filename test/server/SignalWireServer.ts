/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the rig, not shipped: n8n's rules for node code do not apply */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createCall, getCall, listCalls } from './calls';
import type { CallbackTarget, ConferenceEvent } from './callbacks';
import { callbackForm, deliverCallback } from './callbacks';
import {
	CONFERENCE_STATUSES,
	getConference,
	listConferences,
	updateConference,
} from './conferences';
import { API_PREFIX, errorBody } from './format';
import { createScript, fetchScript, listScripts, routeScript } from './laml';
import { recordingMedia } from './media';
import type { RecordingEvent } from './recordingCallbacks';
import {
	applyRecordingEvent,
	completeRecording,
	isRecordingEvent,
	recordingCallbackForm,
} from './recordingCallbacks';
import { paginate } from './paging';
import { renderMustache } from './cxmlReader';
import {
	getParticipant,
	listParticipants,
	removeParticipant,
	updateParticipant,
} from './participants';
import { listPhoneNumbers } from './phoneNumbers';
import { deleteRecording, getRecording, listRecordings, updateRecording } from './recordings';
import type { Reply } from './replies';
import { notFound } from './replies';
import { actOutAnnouncement, answerCall } from './speech';
import { startStream, stopStream } from './streams';
import type {
	ConferenceRecord,
	ConferenceStatus,
	ParticipantRecord,
	RecordingRecord,
} from './store';
import { Store } from './store';

export interface RecordedRequest {
	method: string;
	/** Path as sent, still percent-encoded. */
	path: string;
	/** Query string as sent, without "?". */
	rawQuery: string;
	/** Decoded query pairs, in order. */
	query: Array<[string, string]>;
	authorization: string | undefined;
	contentType: string | undefined;
	headers: IncomingHttpHeaders;
	body: string;
	/** Decoded form pairs, in order, for form-encoded bodies. */
	form: Array<[string, string]>;
}

/** Lets a test answer a request itself: hostile bodies, foreign paging links, outages. */
export type Interceptor = (request: RecordedRequest) => Reply | undefined;

export interface DeliveredCallback {
	event: ConferenceEvent | RecordingEvent;
	url: string;
	form: Array<[string, string]>;
	/** HTTP status the receiver answered, or the error when it could not be reached. */
	outcome: number | string;
}

export interface ServerOptions {
	projectId: string;
	apiToken: string;
	/** Added to every API answer, as a network far away would. */
	latencyMs?: number;
	/** Where to send signed conference status callbacks, as cXML's statusCallback would. */
	statusCallback?: CallbackTarget;
	/** The project's Signing Key, for callbacks sent to a URL named with an event (`sandbox send`). */
	signingKey?: string;
	/** When false, valid credentials still get 401, as SignalWire answers a token without the Voice scope. */
	voiceScope?: boolean;
	store?: Store;
}

/**
 * A SignalWire-compatible Compatibility API on 127.0.0.1 for tests and the sandbox: Basic auth,
 * UUID sids, the paging envelope and SignalWire's error bodies, recording every request it gets.
 */
export class SignalWireServer {
	readonly store: Store;

	readonly requests: RecordedRequest[] = [];

	private interceptors: Interceptor[] = [];

	private controlEndpoints = false;

	/** Conferences added through `POST /__sandbox/conferences`, which `POST /__sandbox/reset` removes. */
	private addedConferences = new Set<string>();

	readonly callbacks: DeliveredCallback[] = [];

	/** Requests being answered right now, and the most there ever were at once. */
	inFlight = 0;

	maxInFlight = 0;

	private pendingCallbacks: Array<Promise<void>> = [];

	private callbackTarget: CallbackTarget | undefined;

	private sequenceNumbers = new Map<string, number>();

	private server: Server | undefined;

	private port = 0;

	constructor(readonly options: ServerOptions) {
		this.store = options.store ?? new Store(options.projectId);
		this.callbackTarget = options.statusCallback;
		this.store.onEvent = (event, conference, participant) =>
			this.emit(event, conference, participant);
		this.store.onRecordingEnded = (conference, recording) => {
			completeRecording(this.store, recording);
			this.emitRecording('recording-completed', conference, recording);
		};
	}

	/** Sends a signed recording status callback, as `<Conference recordingStatusCallback>` asks for. */
	emitRecording(
		event: RecordingEvent,
		conference: ConferenceRecord,
		recording: RecordingRecord,
		target = this.callbackTarget,
	) {
		const status = event.replace('recording-', '') as 'in-progress' | 'completed' | 'absent';
		this.deliver(
			event,
			recordingCallbackForm(this.store, this.origin, conference, recording, status),
			target,
		);
	}

	/**
	 * Sends the status callback of an event to the configured target (if any), signed. A target set
	 * with `requestedOnly` gets only the events asked for through `POST /__sandbox/events`, which
	 * may also name a target of their own.
	 */
	emit(
		event: ConferenceEvent,
		conference: ConferenceRecord,
		participant?: ParticipantRecord,
		requested = false,
		target = this.callbackTarget,
	): void {
		if (!target || (target.requestedOnly === true && !requested)) return;
		const sequence = (this.sequenceNumbers.get(conference.sid) ?? 0) + 1;
		this.sequenceNumbers.set(conference.sid, sequence);
		this.deliver(event, callbackForm(this.store, event, conference, sequence, participant), target);
	}

	private deliver(
		event: DeliveredCallback['event'],
		form: URLSearchParams,
		target: CallbackTarget | undefined,
	): void {
		if (!target) return;
		const delivery = deliverCallback(target, form).then(
			(status) => {
				this.callbacks.push({ event, url: target.url, form: [...form], outcome: status });
			},
			(error: Error) => {
				this.callbacks.push({ event, url: target.url, form: [...form], outcome: error.message });
			},
		);
		this.pendingCallbacks.push(delivery);
	}

	/** Waits until every callback sent so far has been answered. */
	async flushCallbacks(): Promise<void> {
		const pending = this.pendingCallbacks;
		this.pendingCallbacks = [];
		await Promise.all(pending);
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	get accountPath(): string {
		return `${API_PREFIX}/Accounts/${this.options.projectId}`;
	}

	intercept(interceptor: Interceptor): void {
		this.interceptors.push(interceptor);
	}

	reset(): void {
		this.maxInFlight = 0;
		this.requests.length = 0;
		this.callbacks.length = 0;
		this.store.said.length = 0;
		this.store.joined.length = 0;
		this.interceptors = [];
	}

	/**
	 * `GET /__sandbox/requests` (what was received, for end-to-end assertions),
	 * `POST /__sandbox/conferences` (add conferences of given dates) and `POST /__sandbox/reset`
	 * (forget the requests, remove the added conferences). Off in unit tests, which read `requests`
	 * and fill `store` directly.
	 */
	enableControlEndpoints(): void {
		this.controlEndpoints = true;
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((request, response) => {
			void this.handle(request, response);
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		this.store.publicOrigin = this.origin;
		return this.origin;
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const body = Buffer.concat(chunks).toString();
		const target = request.url ?? '/';
		const questionMark = target.indexOf('?');
		const path = questionMark === -1 ? target : target.slice(0, questionMark);
		const rawQuery = questionMark === -1 ? '' : target.slice(questionMark + 1);
		const contentType = request.headers['content-type'];
		const recorded: RecordedRequest = {
			method: request.method ?? 'GET',
			path,
			rawQuery,
			query: [...new URLSearchParams(rawQuery)],
			authorization: request.headers.authorization,
			contentType,
			headers: request.headers,
			body,
			form: contentType?.startsWith('application/x-www-form-urlencoded')
				? [...new URLSearchParams(body)]
				: [],
		};
		if (this.controlEndpoints && path.startsWith('/__sandbox/')) {
			this.send(response, await this.control(recorded));
			return;
		}
		if (path.startsWith('/laml-bins/')) {
			this.send(response, this.serveScript(recorded));
			return;
		}
		this.requests.push(recorded);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		try {
			const intercepted = this.interceptors.reduce<Reply | undefined>(
				(answer, interceptor) => answer ?? interceptor(recorded),
				undefined,
			);
			const reply = intercepted ?? this.route(recorded);
			if (intercepted === undefined) await this.actOut(recorded, reply);
			const delayMs = (reply.delayMs ?? 0) + (this.options.latencyMs ?? 0);
			if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
			if (reply.fault === 'reset') {
				request.socket.destroy();
				return;
			}
			if (reply.fault === 'hang') return;
			if (reply.stream) await sendStream(response, reply);
			else this.send(response, reply);
		} finally {
			this.inFlight--;
		}
	}

	private send(response: ServerResponse, reply: Reply): void {
		const headers: Record<string, string> = { ...reply.headers };
		let payload: string | Buffer = '';
		if (Buffer.isBuffer(reply.body)) {
			payload = reply.body;
			headers['Content-Type'] ??= 'application/octet-stream';
			headers['Content-Length'] ??= String(payload.length);
		} else if (typeof reply.body === 'string') {
			payload = reply.body;
			headers['Content-Type'] ??= 'text/plain';
		} else if (reply.body !== undefined) {
			payload = JSON.stringify(reply.body);
			headers['Content-Type'] ??= 'application/json; charset=utf-8';
		}
		response.writeHead(reply.status, headers);
		response.end(payload);
	}

	private async control(request: RecordedRequest): Promise<Reply> {
		if (request.path === '/__sandbox/requests' && request.method === 'GET') {
			return {
				status: 200,
				body: this.requests.map((request) => ({ ...request, headers: undefined })),
			};
		}
		if (request.path === '/__sandbox/reset' && request.method === 'POST') {
			this.requests.length = 0;
			this.callbacks.length = 0;
			this.store.said.length = 0;
			this.store.joined.length = 0;
			for (const sid of this.addedConferences) this.store.conferences.delete(sid);
			this.addedConferences.clear();
			return { status: 204 };
		}
		if (request.path === '/__sandbox/conferences' && request.method === 'POST') {
			return this.controlConferences(request.body);
		}
		if (request.path === '/__sandbox/said' && request.method === 'GET') {
			return { status: 200, body: this.store.said };
		}
		if (request.path === '/__sandbox/joined' && request.method === 'GET') {
			return { status: 200, body: this.store.joined };
		}
		if (request.path === '/__sandbox/callbacks' && request.method === 'GET') {
			await this.flushCallbacks();
			return { status: 200, body: this.callbacks };
		}
		if (request.path === '/__sandbox/callback-target' && request.method === 'POST') {
			const { url, signingKey, requestedOnly } = JSON.parse(
				request.body || '{}',
			) as Partial<CallbackTarget>;
			if (typeof url !== 'string' || !URL.canParse(url))
				return { status: 400, body: { message: 'url is required' } };
			this.callbackTarget = {
				url,
				signingKey: signingKey ?? this.callbackTarget?.signingKey ?? '',
				requestedOnly: requestedOnly === true,
			};
			return { status: 204 };
		}
		if (request.path === '/__sandbox/events' && request.method === 'POST') {
			return await this.controlEvent(request.body);
		}
		return {
			status: 404,
			body: { message: `No control endpoint ${request.method} ${request.path}` },
		};
	}

	/**
	 * `POST /__sandbox/conferences {"conferences": [{"friendlyName": "Board prep", "status":
	 * "completed", "dateCreated": "2024-03-05T14:15:00Z", "dateUpdated": "2024-03-05T15:00:00Z"}]}`:
	 * adds conferences as if created at those dates (status: in-progress, dateCreated: now and
	 * dateUpdated: dateCreated unless given), so that the list, newest first, holds them where their
	 * dates put them: e.g. one match behind a thousand newer conferences. Answers 201 with their
	 * JSON, in the order given; nothing is added unless every entry is valid. A reset removes them.
	 */
	private controlConferences(body: string): Reply {
		const { conferences } = JSON.parse(body || '{}') as { conferences?: unknown };
		if (!Array.isArray(conferences) || conferences.length === 0) {
			return { status: 400, body: { message: 'conferences (a non-empty array) is required' } };
		}
		const now = this.store.now();
		const entries = conferences.map((entry: unknown) => conferenceFields(entry, now));
		const invalid = entries.findIndex((fields) => typeof fields === 'string');
		if (invalid !== -1) {
			return { status: 400, body: { message: `conferences[${invalid}]: ${entries[invalid]}` } };
		}
		const added = (entries as AddedConference[]).map((fields) => this.store.addConference(fields));
		for (const record of added) this.addedConferences.add(record.sid);
		return {
			status: 201,
			body: { conferences: added.map((record) => this.store.conferenceJson(record)) },
		};
	}

	/**
	 * `POST /__sandbox/events {"event": "participant-join", "friendlyName": "Support"}`: makes
	 * something happen in a running conference (a join adds a participant) and sends its callback.
	 * A join to a name with no running conference starts one, as a call into
	 * `<Conference>name</Conference>` does: the demo's printed command keeps working after an
	 * example ended every conference of that name. With `"url"`, this one callback goes there,
	 * signed with the project's Signing Key, instead of to the configured target (`sandbox send`).
	 */
	private async controlEvent(body: string): Promise<Reply> {
		const { event, friendlyName, conferenceSid, url } = JSON.parse(body || '{}') as {
			event?: ConferenceEvent | RecordingEvent;
			friendlyName?: string;
			conferenceSid?: string;
			url?: string;
		};
		const signingKey = this.options.signingKey ?? this.callbackTarget?.signingKey;
		if (url !== undefined && (!URL.canParse(url) || !signingKey)) {
			return {
				status: 400,
				body: { message: signingKey ? `"${url}" is not a URL` : 'The sandbox has no Signing Key' },
			};
		}
		const target = url === undefined ? this.callbackTarget : { url, signingKey: signingKey! };
		let conference = [...this.store.conferences.values()].find(
			(candidate) =>
				candidate.status === 'in-progress' &&
				(conferenceSid === undefined || candidate.sid === conferenceSid) &&
				(friendlyName === undefined || candidate.friendlyName === friendlyName),
		);
		if (!conference && event === 'participant-join' && friendlyName && !conferenceSid) {
			conference = this.store.addConference({ friendlyName, createdAt: this.store.now() });
			this.emit('conference-start', conference, undefined, true);
			await this.flushCallbacks();
		}
		if (!conference || event === undefined) {
			return { status: 404, body: { message: 'No running conference matches, or no event given' } };
		}
		if (isRecordingEvent(event)) {
			const recording = applyRecordingEvent(this.store, conference, event);
			this.emitRecording(event, conference, recording, target);
			await this.flushCallbacks();
			return { status: 200, body: this.callbacks[this.callbacks.length - 1] ?? null };
		}
		const participant = event.startsWith('participant-')
			? event === 'participant-join'
				? this.store.addParticipant(conference)
				: [...conference.participants.values()].find(
						(candidate) => candidate.status === 'in-progress',
					)
			: undefined;
		this.emit(event, conference, participant, true, target);
		await this.flushCallbacks();
		return { status: 200, body: this.callbacks[this.callbacks.length - 1] ?? null };
	}

	/** A cXML Script's request_url, served without authentication as SignalWire serves it. */
	private serveScript(request: RecordedRequest): Reply {
		const sid = decodeURIComponent(request.path.slice('/laml-bins/'.length));
		const contents = fetchScript(this.store, sid);
		if (contents === undefined) return { status: 404, body: 'Not Found' };
		const parameters = Object.fromEntries([...request.query, ...request.form]);
		return {
			status: 200,
			body: renderMustache(contents, parameters),
			headers: { 'Content-Type': 'text/xml' },
		};
	}

	/**
	 * What SignalWire does after answering: an announcement is fetched and played (recorded in
	 * `store.said`), an outbound call is answered and joins the conference its cXML dials.
	 */
	private async actOut(request: RecordedRequest, reply: Reply): Promise<void> {
		if (request.method !== 'POST' || reply.status !== 200) return;
		const segments = request.path.slice(this.accountPath.length).split('/').slice(1);
		const form = new URLSearchParams(request.body);
		if (segments[0] === 'Calls' && segments.length === 1) {
			const call = this.store.calls.get(String((reply.body as { sid?: string }).sid));
			if (call) await answerCall(this.store, call);
			return;
		}
		const announceUrl = form.get('AnnounceUrl');
		const conference = this.store.findConference(decodeURIComponent(segments[1] ?? ''));
		if (segments[0] !== 'Conferences' || announceUrl === null || !conference) return;
		const method = form.get('AnnounceMethod') ?? 'POST';
		if (segments.length === 2) {
			await actOutAnnouncement(this.store, conference, undefined, announceUrl, method);
		} else if (segments.length === 4 && segments[2] === 'Participants') {
			const participant = conference.participants.get(decodeURIComponent(segments[3]));
			if (participant)
				await actOutAnnouncement(this.store, conference, participant, announceUrl, method);
		}
	}

	private authorized(request: RecordedRequest): boolean {
		const expected = `Basic ${Buffer.from(`${this.options.projectId}:${this.options.apiToken}`).toString('base64')}`;
		return request.authorization === expected && this.options.voiceScope !== false;
	}

	private route(request: RecordedRequest): Reply {
		const accountMatch = /^\/api\/laml\/2010-04-01\/Accounts\/([^/]+)(\/.*)?$/.exec(request.path);
		if (!accountMatch) {
			return {
				status: 404,
				body: '<html><body>Not Found</body></html>',
				headers: { 'Content-Type': 'text/html' },
			};
		}
		if (
			!this.authorized(request) ||
			decodeURIComponent(accountMatch[1]) !== this.options.projectId
		) {
			return {
				status: 401,
				body: errorBody(401, 20003, 'Authentication Failed'),
				headers: { 'WWW-Authenticate': 'Basic realm="SignalWire"' },
			};
		}
		const resource = (accountMatch[2] ?? '').replace(/\.json$/, '');
		const segments = resource.split('/').slice(1).map(decodeURIComponent);
		return routeAccount(this.store, request, segments) ?? { status: 404, body: '' };
	}
}

type AddedConference = Partial<ConferenceRecord> & { friendlyName: string };

/** One entry of `POST /__sandbox/conferences` as the store takes it, or what is wrong with it. */
function conferenceFields(entry: unknown, now: Date): AddedConference | string {
	const { friendlyName, status, dateCreated, dateUpdated } = (entry ?? {}) as Record<
		string,
		unknown
	>;
	if (typeof friendlyName !== 'string' || friendlyName === '') return 'friendlyName is required';
	if (status !== undefined && !CONFERENCE_STATUSES.includes(status as ConferenceStatus)) {
		return `status must be one of ${CONFERENCE_STATUSES.join(', ')}`;
	}
	const dateOf = (value: unknown, otherwise: Date) =>
		value === undefined ? otherwise : new Date(typeof value === 'string' ? value : NaN);
	const createdAt = dateOf(dateCreated, now);
	const updatedAt = dateOf(dateUpdated, createdAt);
	if (Number.isNaN(createdAt.getTime()) || Number.isNaN(updatedAt.getTime())) {
		return 'dateCreated and dateUpdated must be dates, e.g. 2024-03-05T14:15:00Z';
	}
	return {
		friendlyName,
		...(status === undefined ? {} : { status: status as ConferenceStatus }),
		createdAt,
		updatedAt,
	};
}

/** Writes a streamed reply with backpressure; a client that goes away ends it. */
async function sendStream(response: ServerResponse, reply: Reply): Promise<void> {
	response.writeHead(reply.status, reply.headers);
	try {
		for await (const chunk of reply.stream!()) {
			if (response.destroyed) return;
			if (!response.write(chunk)) {
				await new Promise<void>((resolve) => {
					const done = () => {
						response.off('drain', done);
						response.off('close', done);
						resolve();
					};
					response.on('drain', done);
					response.on('close', done);
				});
			}
		}
		response.end();
	} catch {
		response.destroy();
	}
}

function listReply<T>(
	path: string,
	query: URLSearchParams,
	listKey: string,
	listed: { items?: T[]; toJson?: (item: T) => unknown; error?: Reply },
): Reply {
	if (listed.error) return listed.error;
	const page = paginate(path, query, listed.items ?? [], listKey, listed.toJson);
	return page.ok ? { status: 200, body: page.envelope } : { status: page.status, body: page.body };
}

function methodNotAllowed(method: string): Reply {
	return { status: 405, body: errorBody(405, 20004, `Method ${method} not allowed`) };
}

/** Routes below /Accounts/{AccountSid}: Conferences and their Participants, Recordings and Streams. */
function routeAccount(
	store: Store,
	request: RecordedRequest,
	segments: string[],
): Reply | undefined {
	const { method, path } = request;
	const query = new URLSearchParams(request.rawQuery);
	const form = new URLSearchParams(request.body);
	const other = routeTelephony(store, request, segments, query, form);
	if (other !== null) return other;
	if (segments[0] === 'Recordings') return recordingMedia(store, request, segments);
	if (segments[0] !== 'Conferences') return undefined;
	if (segments.length === 1) {
		return method === 'GET'
			? listReply(path, query, 'conferences', listConferences(store, query))
			: methodNotAllowed(method);
	}
	const conferenceSid = segments[1];
	if (segments.length === 2) {
		if (method === 'GET') return getConference(store, conferenceSid, path);
		if (method === 'POST') return updateConference(store, conferenceSid, path, form);
		return methodNotAllowed(method);
	}
	const conference = store.findConference(conferenceSid);
	if (!conference) return notFound(path);
	const [, , collection, sid] = segments;
	if (segments.length > 4) return undefined;
	switch (collection) {
		case 'Participants':
			if (sid === undefined) {
				return method === 'GET'
					? listReply(path, query, 'participants', listParticipants(store, conference, query))
					: methodNotAllowed(method);
			}
			if (method === 'GET') return getParticipant(store, conference, sid, path);
			if (method === 'POST') return updateParticipant(store, conference, sid, path, form);
			if (method === 'DELETE') return removeParticipant(store, conference, sid, path);
			return methodNotAllowed(method);
		case 'Recordings':
			if (sid === undefined) {
				return method === 'GET'
					? listReply(path, query, 'recordings', listRecordings(store, conference, query))
					: methodNotAllowed(method);
			}
			if (method === 'GET') return getRecording(store, conference, sid, path);
			if (method === 'POST') return updateRecording(store, conference, sid, path, form);
			if (method === 'DELETE') return deleteRecording(conference, sid, path);
			return methodNotAllowed(method);
		case 'Streams':
			if (sid === undefined)
				return method === 'POST' ? startStream(store, conference, form) : methodNotAllowed(method);
			return method === 'POST'
				? stopStream(store, conference, sid, path, form)
				: methodNotAllowed(method);
		default:
			return undefined;
	}
}

/** cXML Scripts, Calls and IncomingPhoneNumbers; null for any other collection. */
function routeTelephony(
	store: Store,
	request: RecordedRequest,
	segments: string[],
	query: URLSearchParams,
	form: URLSearchParams,
): Reply | undefined | null {
	const { method, path } = request;
	const [collection, sid] = segments;
	if (segments.length > 2)
		return ['LamlBins', 'Calls', 'IncomingPhoneNumbers'].includes(collection) ? undefined : null;
	switch (collection) {
		case 'LamlBins':
			if (sid !== undefined) return routeScript(store, method, sid, path, form);
			if (method === 'GET') return listReply(path, query, 'laml_bins', listScripts(store, query));
			return method === 'POST' ? createScript(store, form) : methodNotAllowed(method);
		case 'Calls':
			if (sid !== undefined)
				return method === 'GET' ? getCall(store, sid, path) : methodNotAllowed(method);
			if (method === 'GET') return listReply(path, query, 'calls', listCalls(store, query));
			return method === 'POST' ? createCall(store, form).reply : methodNotAllowed(method);
		case 'IncomingPhoneNumbers':
			if (sid !== undefined) return undefined;
			return method === 'GET'
				? listReply(path, query, 'incoming_phone_numbers', listPhoneNumbers(store, query))
				: methodNotAllowed(method);
		default:
			return null;
	}
}
