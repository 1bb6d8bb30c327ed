import { API_PREFIX, newSid, rfc2822 } from './format';

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
}

/** The conferences of one project, as a SignalWire space would hold them. */
export class Store {
	readonly conferences = new Map<string, ConferenceRecord>();

	/** Replaceable so that tests can pin the time of updates. */
	now: () => Date = () => new Date();

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
			...fields,
		};
		this.conferences.set(record.sid, record);
		return record;
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
