import type { CallLeg, ConferenceStatus, Store } from './store';
import { PROJECT_NUMBER } from './store';

/** A small deterministic PRNG, so that the sandbox holds the same data on every start. */
function mulberry32(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function sidFrom(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ROOM_NAMES = [
	'Sales standup',
	'Engineering sync',
	'Customer onboarding',
	'Incident review',
	'Board prep',
	'Partner call',
	'Weekly review',
	'Design critique',
	'Recruiting panel',
	'Town hall rehearsal',
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SIP_PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'];

/**
 * Who is on the line: mostly callers from phone numbers, some SIP endpoints, and the host dialled
 * out to (an outbound call, so their address is the call's `to`).
 */
function callLeg(random: () => number, index: number): CallLeg {
	const number = `+1${Math.floor(200 + random() * 700)}555${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
	if (index === 0) return { from: PROJECT_NUMBER, to: number, direction: 'outbound' };
	if (random() < 0.2) {
		const person = SIP_PEOPLE[Math.floor(random() * SIP_PEOPLE.length)];
		return { from: `sip:${person}@example.com`, to: PROJECT_NUMBER, direction: 'inbound' };
	}
	return { from: number, to: PROJECT_NUMBER, direction: 'inbound' };
}

/**
 * Running conferences get 2–7 active participants (some muted or on hold, the first one the host)
 * and a recording; about a third of the finished ones keep a completed recording.
 */
function seedPeopleAndRecordings(store: Store, random: () => number): void {
	for (const conference of store.conferences.values()) {
		if (conference.status === 'in-progress') {
			const count = 2 + Math.floor(random() * 6);
			for (let index = 0; index < count; index++) {
				const joinedAt = new Date(conference.createdAt.getTime() + index * 45_000);
				store.addParticipant(conference, {
					callSid: sidFrom(random),
					createdAt: joinedAt,
					updatedAt: joinedAt,
					muted: index > 0 && random() < 0.3,
					hold: index > 0 && random() < 0.1,
					endConferenceOnExit: index === 0,
					call: callLeg(random, index),
				});
			}
			store.addRecording(conference, {
				sid: sidFrom(random),
				createdAt: conference.createdAt,
				updatedAt: conference.createdAt,
				channels: random() < 0.5 ? '1' : '2',
			});
		} else if (conference.status === 'completed' && random() < 0.35) {
			store.addRecording(conference, {
				sid: sidFrom(random),
				status: 'completed',
				createdAt: conference.createdAt,
				updatedAt: conference.updatedAt,
				durationSeconds: Math.round(
					(conference.updatedAt.getTime() - conference.createdAt.getTime()) / 1000,
				),
			});
		}
	}
}

export interface SeedSummary {
	conferences: number;
	byStatus: Record<ConferenceStatus, number>;
}

/**
 * Conferences across the last six months in every status, with the named rooms the examples use:
 * two running "Support bridge" rooms and a running "All hands"; and four "Incident bridge" rooms
 * (two running, one ended yesterday, one weeks ago, beyond the first page of 50) that only their
 * status, start and duration tell apart, as in a real project.
 */
export function seedSandbox(store: Store, now: Date = new Date(), seed = 20261127): SeedSummary {
	const random = mulberry32(seed);
	const add = (
		friendlyName: string,
		status: ConferenceStatus,
		ageMs: number,
		durationMs: number,
	) => {
		const createdAt = new Date(now.getTime() - ageMs);
		const updatedAt =
			status === 'completed' ? new Date(createdAt.getTime() + durationMs) : createdAt;
		store.addConference({ sid: sidFrom(random), friendlyName, status, createdAt, updatedAt });
	};

	for (let index = 0; index < 160; index++) {
		const name = ROOM_NAMES[index % ROOM_NAMES.length];
		const ageMs = Math.floor(random() * 180 * DAY) + 2 * DAY;
		add(name, 'completed', ageMs, Math.floor(random() * 90 + 5) * 60_000);
	}
	for (let index = 0; index < 34; index++) {
		add(ROOM_NAMES[index % ROOM_NAMES.length], 'in-progress', Math.floor(random() * 3 * HOUR), 0);
	}
	for (let index = 0; index < 6; index++) {
		add(`Scheduled room ${index + 1}`, 'init', Math.floor(random() * HOUR), 0);
	}
	add('Support bridge', 'in-progress', 40 * 60_000, 0);
	add('Support bridge', 'in-progress', 25 * 60_000, 0);
	add('Support bridge', 'completed', 3 * DAY, 50 * 60_000);
	add('All hands', 'in-progress', 10 * 60_000, 0);
	add('Incident bridge', 'in-progress', 12 * 60_000, 0);
	add('Incident bridge', 'in-progress', 125 * 60_000, 0);
	add('Incident bridge', 'completed', 26 * HOUR, 35 * 60_000);
	add('Incident bridge', 'completed', 40 * DAY, 80 * 60_000);

	seedPeopleAndRecordings(store, random);

	const byStatus: Record<ConferenceStatus, number> = { init: 0, 'in-progress': 0, completed: 0 };
	for (const record of store.conferences.values()) byStatus[record.status]++;
	return { conferences: store.conferences.size, byStatus };
}
