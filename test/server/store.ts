import type { CallRecord } from './calls';
import type { ConferenceEvent } from './callbacks';
import { API_PREFIX, newSid, rfc2822 } from './format';
import type { ScriptRecord } from './laml';
import type { PhoneNumberRecord } from './phoneNumbers';
import type { JoinedRecord, SaidRecord } from './speech';

export type ConferenceStatus = 'init' | 'in-progress' | 'completed';

export interface ConferenceRecord {
	sid: string;
	friendlyName: string;
	status: ConferenceStatus;
	createdAt: Date;
	updatedAt: Date;
	region: string;
	/** Announcements played into the conference, newest last (the sandbox's memory of updates). */
	announcements: Array<{ url: string; method: string }>;
	participants: Map<string, ParticipantRecord>;
	recordings: Map<string, RecordingRecord>;
	streams: Map<string, StreamRecord>;
}

export interface ParticipantRecord {
	callSid: string;
	conferenceSid: string;
	status: 'in-progress' | 'completed';
	muted: boolean;
	hold: boolean;
	coaching: boolean;
	callSidToCoach: string | null;
	endConferenceOnExit: boolean;
	startConferenceOnEnter: boolean;
	createdAt: Date;
	updatedAt: Date;
	/** Everything the last update set that the participant JSON does not show (URLs, methods). */
	settings: Record<string, string>;
	/** The participant's call (`GET /Calls/{callSid}`): who called whom, and which way. */
	call: CallLeg;
}

/** What the participant object lacks and its call carries: the addresses at both ends. */
export interface CallLeg {
	from: string;
	to: string;
	direction: 'inbound' | 'outbound';
}

/** The project's own number: what callers dial to reach a conference. */
export const PROJECT_NUMBER = '+15550100000';

/** A caller number derived from the call sid, so that every participant has a distinct one. */
function callerNumberFor(callSid: string): string {
	const digits = callSid.replace(/\D/g, '').padEnd(7, '0').slice(0, 7);
	return `+1555${digits}`;
}

export type RecordingStatus = 'in-progress' | 'paused' | 'stopped' | 'completed' | 'absent';

export interface RecordingRecord {
	sid: string;
	conferenceSid: string;
	status: RecordingStatus;
	pauseBehavior: string | null;
	channels: '1' | '2';
	createdAt: Date;
	updatedAt: Date;
	durationSeconds: number;
}

export interface StreamRecord {
	sid: string;
	conferenceSid: string;
	name: string | null;
	status: 'queued' | 'in-progress' | 'stopped';
	updatedAt: Date;
	/** The form the stream was started with, minus the bearer token (never echoed). */
	parameters: Record<string, string>;
}

/** The conferences of one project, as a SignalWire space would hold them. */
export class Store {
	readonly conferences = new Map<string, ConferenceRecord>();

	/** cXML Scripts, outbound calls and the space's numbers (laml.ts, calls.ts, phoneNumbers.ts). */
	readonly scripts = new Map<string, ScriptRecord>();

	readonly calls = new Map<string, CallRecord>();

	readonly phoneNumbers: PhoneNumberRecord[] = [];

	/** What announcements said or played, and who dial-outs brought in (speech.ts). */
	readonly said: SaidRecord[] = [];

	readonly joined: JoinedRecord[] = [];

	/** Where the space serves its cXML Scripts (request_url); set when the server starts. */
	publicOrigin = 'http://127.0.0.1';

	/** Replaceable so that tests can pin the time of updates. */
	now: () => Date = () => new Date();

	/** Called for every conference event, as SignalWire would send a status callback for it. */
	onEvent: (
		event: ConferenceEvent,
		conference: ConferenceRecord,
		participant?: ParticipantRecord,
	) => void = () => undefined;

	/** Called when a recording stops or its conference ends, as SignalWire then finishes it. */
	onRecordingEnded: (conference: ConferenceRecord, recording: RecordingRecord) => void = () =>
		undefined;

	constructor(readonly projectId: string) {}

	addConference(fields: Partial<ConferenceRecord> & { friendlyName: string }): ConferenceRecord {
		const createdAt = fields.createdAt ?? new Date();
		const record: ConferenceRecord = {
			sid: fields.sid ?? newSid(),
			status: fields.status ?? 'in-progress',
			createdAt,
			updatedAt: fields.updatedAt ?? createdAt,
			region: fields.region ?? 'us1',
			announcements: [],
			participants: new Map(),
			recordings: new Map(),
			streams: new Map(),
			...fields,
		};
		this.conferences.set(record.sid, record);
		return record;
	}

	addParticipant(
		conference: ConferenceRecord,
		fields: Partial<ParticipantRecord> = {},
	): ParticipantRecord {
		const createdAt = fields.createdAt ?? this.now();
		const callSid = fields.callSid ?? newSid();
		const record: ParticipantRecord = {
			callSid,
			conferenceSid: conference.sid,
			status: 'in-progress',
			muted: false,
			hold: false,
			coaching: false,
			callSidToCoach: null,
			endConferenceOnExit: false,
			startConferenceOnEnter: true,
			createdAt,
			updatedAt: createdAt,
			settings: {},
			call: { from: callerNumberFor(callSid), to: PROJECT_NUMBER, direction: 'inbound' },
			...fields,
		};
		conference.participants.set(record.callSid, record);
		return record;
	}

	addRecording(
		conference: ConferenceRecord,
		fields: Partial<RecordingRecord> = {},
	): RecordingRecord {
		const createdAt = fields.createdAt ?? this.now();
		const record: RecordingRecord = {
			sid: newSid(),
			conferenceSid: conference.sid,
			status: 'in-progress',
			pauseBehavior: null,
			channels: '1',
			createdAt,
			updatedAt: createdAt,
			durationSeconds: 0,
			...fields,
		};
		conference.recordings.set(record.sid, record);
		return record;
	}

	/** The conference that holds a participant, recording or stream, found by the sid in the path. */
	findConference(sid: string): ConferenceRecord | undefined {
		return this.conferences.get(sid);
	}

	/** The participant whose call this is, in whichever conference. */
	findCall(callSid: string): ParticipantRecord | undefined {
		for (const conference of this.conferences.values()) {
			const participant = conference.participants.get(callSid);
			if (participant) return participant;
		}
		return undefined;
	}

	/** Newest first, as the list endpoint answers. */
	listConferences(): ConferenceRecord[] {
		return [...this.conferences.values()].sort(
			(a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.sid.localeCompare(b.sid),
		);
	}

	accountPath(): string {
		return `${API_PREFIX}/Accounts/${this.projectId}`;
	}

	/** A 200 answer carrying the conference, for tests that answer requests themselves. */
	conferenceJsonReply(record: ConferenceRecord): { status: number; body: Record<string, unknown> } {
		return { status: 200, body: this.conferenceJson(record) };
	}

	conferenceJson(record: ConferenceRecord): Record<string, unknown> {
		const base = `${this.accountPath()}/Conferences/${record.sid}`;
		return {
			sid: record.sid,
			account_sid: this.projectId,
			date_created: rfc2822(record.createdAt),
			date_updated: rfc2822(record.updatedAt),
			friendly_name: record.friendlyName,
			status: record.status,
			api_version: '2010-04-01',
			region: record.region,
			uri: `${base}.json`,
			subresource_uris: {
				participants: `${base}/Participants.json`,
				recordings: `${base}/Recordings.json`,
			},
		};
	}
}

export function participantJson(store: Store, record: ParticipantRecord): Record<string, unknown> {
	return {
		account_sid: store.projectId,
		call_sid: record.callSid,
		call_sid_to_coach: record.callSidToCoach,
		coaching: record.coaching,
		conference_sid: record.conferenceSid,
		date_created: rfc2822(record.createdAt),
		date_updated: rfc2822(record.updatedAt),
		end_conference_on_exit: record.endConferenceOnExit,
		muted: record.muted,
		hold: record.hold,
		start_conference_on_enter: record.startConferenceOnEnter,
		status: record.status,
		uri: `${store.accountPath()}/Conferences/${record.conferenceSid}/Participants/${record.callSid}.json`,
	};
}

/** A call as `GET /Calls/{Sid}` answers: the fields a participant picker reads, and the usual rest. */
export function callJson(store: Store, record: ParticipantRecord): Record<string, unknown> {
	const ended = record.status === 'completed';
	return {
		sid: record.callSid,
		account_sid: store.projectId,
		api_version: '2010-04-01',
		date_created: rfc2822(record.createdAt),
		date_updated: rfc2822(record.updatedAt),
		parent_call_sid: null,
		from: record.call.from,
		to: record.call.to,
		formatted_from: record.call.from,
		formatted_to: record.call.to,
		direction: record.call.direction,
		status: ended ? 'completed' : 'in-progress',
		start_time: rfc2822(record.createdAt),
		end_time: ended ? rfc2822(record.updatedAt) : null,
		duration: ended
			? Math.round((record.updatedAt.getTime() - record.createdAt.getTime()) / 1000)
			: null,
		uri: `${store.accountPath()}/Calls/${record.callSid}.json`,
	};
}

/** Conference recordings as SignalWire types them: duration an integer, channels and error_code strings. */
export function recordingJson(store: Store, record: RecordingRecord): Record<string, unknown> {
	const ended = ['stopped', 'completed', 'absent'].includes(record.status);
	return {
		sid: record.sid,
		account_sid: store.projectId,
		api_version: '2010-04-01',
		call_sid: null,
		conference_sid: record.conferenceSid,
		channel: record.channels,
		channels: record.channels,
		date_created: rfc2822(record.createdAt),
		date_updated: rfc2822(record.updatedAt),
		start_time: rfc2822(record.createdAt),
		end_time: ended ? rfc2822(record.updatedAt) : null,
		duration: record.durationSeconds,
		price: ended ? '-0.0025' : null,
		price_unit: 'USD',
		source: 'StartConferenceRecording',
		status: record.status,
		error_code: null,
		uri: `${store.accountPath()}/Conferences/${record.conferenceSid}/Recordings/${record.sid}.json`,
		subresource_uris: {
			transcriptions: `${store.accountPath()}/Recordings/${record.sid}/Transcriptions.json`,
		},
		encryption_details: null,
		trim: 'do-not-trim',
	};
}

export function streamJson(store: Store, record: StreamRecord): Record<string, unknown> {
	return {
		account_sid: store.projectId,
		conference_sid: record.conferenceSid,
		date_updated: rfc2822(record.updatedAt),
		name: record.name,
		sid: record.sid,
		status: record.status,
		uri: `${store.accountPath()}/Conferences/${record.conferenceSid}/Streams/${record.sid}.json`,
	};
}
