import type { INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import {
	describeAnnouncement,
	prepareAnnouncement,
	readAnnouncement,
} from '../common/announcement';
import { announcementFields } from '../common/announceFields';
import {
	readConferenceChild,
	conferenceLocator,
	PARTICIPANT,
	participantLocator,
} from '../common/locators';
import { jsonItems } from '../../helpers/jsonItems';
import { inputError } from '../../helpers/validation';
import type { Execute, Validate } from '../defineResource';

export const option = {
	name: 'Announce',
	value: 'announce',
	description: 'Speak a text, play an audio file or a cXML URL to one participant only (a whisper)',
	action: 'Announce to a participant',
};

export const properties: INodeProperties[] = [
	conferenceLocator,
	participantLocator,
	...announcementFields('this participant only'),
];

/** Run for every item before the first announcement is made (see the router). */
export const validate: Validate = async function (itemIndex) {
	readAnnouncement(this, itemIndex);
	readConferenceChild(this, PARTICIPANT, itemIndex);
};

export const execute: Execute = async function (itemIndex) {
	const announcement = readAnnouncement(this, itemIndex);
	const target = readConferenceChild(this, PARTICIPANT, itemIndex);
	// Checked before a script is written: the participant must still be in the conference.
	const participant = await apiRequest(this, target, itemIndex);
	if (participant.status !== undefined && participant.status !== 'in-progress') {
		throw inputError(
			this,
			itemIndex,
			`Participant "${target.sid}" is no longer in the conference (status: ${String(participant.status)}): nothing was announced`,
			'Choose a participant who is in the conference now.',
		);
	}
	const { form, script } = await prepareAnnouncement(this, announcement, itemIndex);
	const updated = await apiRequest(this, target, itemIndex, { method: 'POST', form });
	return jsonItems({
		...describeAnnouncement(announcement, script),
		participant: {
			call_sid: updated.call_sid ?? target.sid,
			conference_sid: updated.conference_sid ?? target.conferenceSid,
		},
	});
};
